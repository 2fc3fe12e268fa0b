package io.switchboard.directory.api;

/**
 * Who a number belongs to.
 *
 * @param name the person's or place's name as a phone shows it ("Ada Lovelace"); never blank
 * @param company the company they work for, or null
 * @param link where their record is (a CRM's page: http or https), or null
 */
public record Contact(String name, String company, String link) {

    public Contact {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A contact needs a name");
        }
    }
}
