package io.c360.sources;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;

/**
 * One true person of the simulated population: a pure function of (seed, person id), so the same
 * person can be regenerated at any time (continuous mode does that for returning visitors).
 */
record Person(long id, Presence presence, boolean shops, boolean browses,
              String firstName, String lastName, String gender, LocalDate birthDate, String nationalId,
              String email, String phone, Address address, Occupation occupation, int annualIncome,
              String maritalStatus, String homeOwnership, boolean headOfHousehold, String preferredChannel,
              Consents consents, LocalDateTime customerSince, List<String> visitorIds) {

    /** Which systems know the person at all. */
    enum Presence { BANK, SHOP_ONLY, BROWSE_ONLY }

    record Address(String street, String number, String city, BrazilianState state, String postalCode) {
    }

    record Consents(boolean email, boolean sms, boolean phone) {
    }

    boolean banks() {
        return presence == Presence.BANK;
    }

    int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }

    String fullName() {
        return firstName + " " + lastName;
    }
}
