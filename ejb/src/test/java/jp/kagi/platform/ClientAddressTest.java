package jp.kagi.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** X-Forwarded-For is believed only from configured proxies, and only up to the first hop they do not vouch for. */
class ClientAddressTest {

    @Test
    void offByDefaultTheHeaderIsIgnored() {
        ClientAddress none = new ClientAddress("");
        assertEquals("192.0.2.9", none.of("192.0.2.9", List.of("203.0.113.5")));
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        ClientAddress proxies = new ClientAddress("10.0.0.0/8, 2001:db8:ffff::/48");
        assertEquals("192.0.2.9", proxies.of("192.0.2.9", List.of("203.0.113.5")));
    }

    @Test
    void fromATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddress proxies = new ClientAddress("10.0.0.0/8,2001:db8:ffff::/48");
        assertEquals("203.0.113.5", proxies.of("10.1.2.3", List.of("203.0.113.5")));
        assertEquals("203.0.113.5", proxies.of("10.1.2.3", List.of("6.6.6.6, 203.0.113.5, 10.9.9.9")),
                "a hop the client wrote itself (6.6.6.6) is not believed");
        assertEquals("2001:db8:1::7", proxies.of("2001:db8:ffff::1", List.of("2001:db8:1::7")));
        assertEquals("10.1.2.3", proxies.of("10.1.2.3", List.of("not-an-address")));
    }

    @Test
    void aBadSettingStopsTheServerRatherThanTrustingNobodyOrEverybody() {
        assertThrows(IllegalStateException.class, () -> new ClientAddress("proxy.example.com"));
        assertThrows(IllegalStateException.class, () -> new ClientAddress("10.0.0.0/33"));
    }

    @Test
    void addressGroupsAreIpv4AsIsAndIpv6PerSlash64() {
        assertEquals("192.0.2.1", AddressGroup.of("192.0.2.1"));
        assertEquals(AddressGroup.of("2001:db8:1:2::1"), AddressGroup.of("2001:0db8:0001:0002:ffff::9"));
        assertEquals("2001:db8:1:2::/64", AddressGroup.of("[2001:db8:1:2::1]"));
        assertEquals("192.0.2.1", AddressGroup.of("::ffff:192.0.2.1"));
    }
}
