package id.atensi.outbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.100.100.200", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "198.18.0.1", "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::7f00:1"})
    void specialPurposeAddressesAreRefused(String literal) throws Exception {
        assertTrue(AddressPolicy.strict().refusal(InetAddress.getByName(literal)).isPresent(), literal + " should be refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::808:808"})
    void publicAddressesAreAllowed(String literal) throws Exception {
        assertFalse(AddressPolicy.strict().refusal(InetAddress.getByName(literal)).isPresent(), literal + " should be allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::ffff:127.0.0.1"})
    void anAllowedNetworkLetsItsAddressesThrough(String literal) throws Exception {
        assertFalse(AddressPolicy.allowing(List.of("127.0.0.0/8")).refusal(InetAddress.getByName(literal)).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "169.254.169.254", "::1"})
    void anAllowedNetworkLetsNothingElseThrough(String literal) throws Exception {
        assertTrue(AddressPolicy.allowing(List.of("127.0.0.0/8")).refusal(InetAddress.getByName(literal)).isPresent());
    }
}
