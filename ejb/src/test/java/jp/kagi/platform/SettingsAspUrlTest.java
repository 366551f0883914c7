package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** KAGI_ASP_URL / kagi.asp.url: where the portal sends users for the self-test on 8444. */
class SettingsAspUrlTest {

    @AfterEach
    void forget() {
        System.clearProperty("kagi.asp.url");
    }

    @Test
    void defaultsToLocalhost8444() {
        System.clearProperty("kagi.asp.url");
        // Only when the environment does not set it, as on the build machines.
        if (System.getenv("KAGI_ASP_URL") == null) {
            assertEquals("https://localhost:8444", new Settings().aspUrl());
        }
    }

    @Test
    void aTrailingSlashIsDroppedSoThatTheLinkHasOneSlash() {
        System.setProperty("kagi.asp.url", "https://asp.example.jp:8444/");
        assertEquals("https://asp.example.jp:8444", new Settings().aspUrl());
        assertEquals("KAGI_ASP_URL", Settings.envName("kagi.asp.url"));
    }
}
