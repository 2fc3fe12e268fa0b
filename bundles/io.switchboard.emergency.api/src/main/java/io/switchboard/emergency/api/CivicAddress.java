package io.switchboard.emergency.api;

/**
 * A civic address in the fields of RFC 5139 (the PIDF-LO civicAddress), as a dispatcher reads it.
 * Null fields are absent.
 *
 * @param country ISO 3166 alpha-2 code ("US")
 * @param a1 national subdivision: state, province, county ("TX")
 * @param a3 city or municipality
 * @param rd road or street name ("Main St")
 * @param hno house number, digits ("100")
 * @param hns house number suffix ("A")
 * @param flr floor ("2")
 * @param room room ("201")
 * @param pc postal code
 * @param loc additional location information ("reception, east wing")
 * @param nam the name of the site or occupant ("Acme HQ")
 */
public record CivicAddress(String country, String a1, String a3, String rd, String hno, String hns, String flr,
        String room, String pc, String loc, String nam) {
}
