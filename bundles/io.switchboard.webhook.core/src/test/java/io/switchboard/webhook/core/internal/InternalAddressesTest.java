package io.switchboard.webhook.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The address classifier against the IPv6 spellings of internal IPv4 addresses that the second
 * outside review sent (issue 61), and more of our own: each is refused, naming its rule, and the same
 * forms of a public address are not.
 */
class InternalAddressesTest {

    /** The review's targets: loopback, private, a cloud's metadata address, a home router's. */
    private static final String[] INTERNAL = { "127.0.0.1", "10.0.0.1", "169.254.169.254", "192.168.1.1",
        "172.16.0.1", "100.64.0.1", "0.0.0.0", "224.0.0.251", "198.18.0.1", "192.0.0.170", "255.255.255.255" };

    @Test
    void everyIpv6FormOfAnInternalIpv4AddressIsRefusedNamingItsRule() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String v4 : INTERNAL) {
            for (String spelling : spellings(v4)) {
                Optional<String> rule = InternalAddresses.rule(InetAddress.getByName(spelling));
                if (rule.isEmpty()) {
                    problems.add(spelling + " (" + v4 + ") passes");
                }
                String url = "https://[" + spelling + "]/hook";
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Targets.check(url, false, false), url);
                if (!e.getMessage().contains("internal address") || !e.getMessage().contains("allowPrivateTargets")) {
                    problems.add(url + ": " + e.getMessage());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theRuleSaysWhichFormCarriesWhichAddress() throws Exception {
        assertEquals("NAT64 (64:ff9b::/96) of 169.254.169.254, link-local (169.254.0.0/16, cloud metadata)",
                rule("64:ff9b::a9fe:a9fe"));
        assertEquals("6to4 (2002::/16) of 10.0.0.1, private (RFC 1918)", rule("2002:a00:1::1"));
        assertEquals("IPv4-compatible (::/96) of 127.0.0.1, loopback (127.0.0.0/8)", rule("::127.0.0.1"));
        assertEquals("IPv4-translated (::ffff:0:0:0/96) of 192.168.1.1, private (RFC 1918)",
                rule("::ffff:0:192.168.1.1"));
        assertEquals("loopback (127.0.0.0/8)", rule("::ffff:127.0.0.1"), "Java reads a mapped address as IPv4");
        assertEquals("Teredo (2001::/32)", rule("2001:0:4136:e378:8000:63bf:80ff:fffe"));
        assertEquals("local-use NAT64 (64:ff9b:1::/48)", rule("64:ff9b:1::a00:1"));
        assertEquals("loopback (::1)", rule("::1"));
        assertEquals("unspecified (::)", rule("::"));
        assertEquals("unique local (fc00::/7)", rule("fd00:ec2::254"));
        assertEquals("link-local (fe80::/10)", rule("fe80::a9fe:a9fe"));
        assertEquals("site-local (fec0::/10)", rule("fec0::1"));
        assertEquals("multicast (ff00::/8)", rule("ff02::1"));
        assertEquals("discard-only (100::/64)", rule("100::1"));
    }

    @Test
    void theSameFormsOfPublicAddressesPass() throws Exception {
        for (String v4 : new String[] { "8.8.8.8", "93.184.216.34", "100.128.0.1", "172.32.0.1", "192.169.1.1" }) {
            for (String spelling : spellings(v4)) {
                if (!spelling.startsWith("2001:0:")) { // Teredo is refused whatever it carries
                    assertEquals(Optional.empty(), InternalAddresses.rule(InetAddress.getByName(spelling)), spelling);
                }
            }
        }
        for (String outside : new String[] { "2606:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9c::a00:1",
            "2003:a00:1::1", "2001:1::a00:1" }) {
            assertEquals(Optional.empty(), InternalAddresses.rule(InetAddress.getByName(outside)), outside);
        }
    }

    /** @return the IPv6 spellings that carry the address: dotted and hex, short and long, any case */
    static List<String> spellings(String v4) throws Exception {
        byte[] b = InetAddress.getByName(v4).getAddress();
        String hi = Integer.toHexString((b[0] & 0xFF) << 8 | b[1] & 0xFF);
        String lo = Integer.toHexString((b[2] & 0xFF) << 8 | b[3] & 0xFF);
        String hex = hi + ":" + lo;
        String longHex = String.format("%04x:%04x", Integer.parseInt(hi, 16), Integer.parseInt(lo, 16));
        String teredo = String.format("%04x:%04x", ~Integer.parseInt(hi, 16) & 0xFFFF, ~Integer.parseInt(lo, 16) & 0xFFFF);
        return List.of(
                "::" + v4, "::" + hex, "0:0:0:0:0:0:" + hex, "0000:0000:0000:0000:0000:0000:" + longHex, // compatible
                "::ffff:" + v4, "::ffff:" + hex, "::FFFF:" + hex.toUpperCase(), "0:0:0:0:0:ffff:" + v4, // mapped
                "::ffff:0:" + v4, "::ffff:0:" + hex, // translated (SIIT)
                "64:ff9b::" + v4, "64:ff9b::" + hex, "0064:ff9b:0000:0000:0000:0000:" + longHex, "64:FF9B::" + v4, // NAT64
                "2002:" + hex + "::", "2002:" + hex + "::1", "2002:" + longHex + ":0:0:0:0:1", // 6to4
                "2001:0:4136:e378:8000:63bf:" + teredo); // Teredo, the client's address obfuscated
    }

    private static String rule(String address) throws Exception {
        return InternalAddresses.rule(InetAddress.getByName(address)).orElse("none");
    }
}
