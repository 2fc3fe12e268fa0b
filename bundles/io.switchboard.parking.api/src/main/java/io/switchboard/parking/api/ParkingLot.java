package io.switchboard.parking.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The parking slots of this server. Implemented by the parking service; safe from any thread. */
@ProviderType
public interface ParkingLot {

    /** @return the number a transfer parks a call at, in the first free slot */
    String parkNumber();

    /** @return every slot's number, in order */
    List<String> slots();

    /** @return the calls parked or returning, by slot */
    List<ParkedCall> parked();
}
