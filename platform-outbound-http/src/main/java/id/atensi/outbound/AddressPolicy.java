package id.atensi.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses the platform may send a request to. A partner names the URL, so without this check a webhook
 * could make the platform call its own database, the cluster's services or the cloud's metadata endpoint (SSRF).
 * Refused, unless an allowed network contains the address: loopback, private (RFC 1918, IPv6 unique-local),
 * link-local (cloud metadata 169.254.169.254 and fd00:ec2::254 among them), carrier-grade NAT (100.64/10, Alibaba's
 * metadata 100.100.100.200 among them), "this network", benchmarking, reserved and multicast ranges, and the IPv6
 * forms that carry an IPv4 address (mapped, NAT64, 6to4), judged by the address they carry.
 */
public final class AddressPolicy {

    private static final List<Named> FORBIDDEN = List.of(
            new Named("this network", Cidr.parse("0.0.0.0/8")),
            new Named("private", Cidr.parse("10.0.0.0/8")),
            new Named("carrier-grade NAT", Cidr.parse("100.64.0.0/10")),
            new Named("loopback", Cidr.parse("127.0.0.0/8")),
            new Named("link-local or cloud metadata", Cidr.parse("169.254.0.0/16")),
            new Named("private", Cidr.parse("172.16.0.0/12")),
            new Named("IETF protocol assignments", Cidr.parse("192.0.0.0/24")),
            new Named("documentation", Cidr.parse("192.0.2.0/24")),
            new Named("private", Cidr.parse("192.168.0.0/16")),
            new Named("benchmarking", Cidr.parse("198.18.0.0/15")),
            new Named("documentation", Cidr.parse("198.51.100.0/24")),
            new Named("documentation", Cidr.parse("203.0.113.0/24")),
            new Named("multicast", Cidr.parse("224.0.0.0/4")),
            new Named("reserved or broadcast", Cidr.parse("240.0.0.0/4")),
            new Named("unspecified", Cidr.parse("::/128")),
            new Named("loopback", Cidr.parse("::1/128")),
            new Named("discard", Cidr.parse("100::/64")),
            new Named("documentation", Cidr.parse("2001:db8::/32")),
            new Named("unique-local (private or cloud metadata)", Cidr.parse("fc00::/7")),
            new Named("link-local", Cidr.parse("fe80::/10")),
            new Named("site-local", Cidr.parse("fec0::/10")),
            new Named("multicast", Cidr.parse("ff00::/8")));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");

    private record Named(String reason, Cidr network) {
    }

    private final List<Cidr> allowed;

    private AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Refuses every special-purpose address. */
    public static AddressPolicy strict() {
        return new AddressPolicy(List.of());
    }

    /** Refuses special-purpose addresses except those in {@code allowedNetworks} (local runs and tests: {@code 127.0.0.0/8}). */
    public static AddressPolicy allowing(List<String> allowedNetworks) {
        return new AddressPolicy(allowedNetworks.stream().filter(text -> !text.isBlank()).map(Cidr::parse).toList());
    }

    public List<Cidr> allowedNetworks() {
        return allowed;
    }

    /** @return why the address is refused, or empty when a request may go to it */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return refusal(embedded.get()).map(reason -> reason + " (carried in " + address.getHostAddress() + ")");
        }
        return FORBIDDEN.stream().filter(named -> named.network().contains(address)).findFirst()
                .map(named -> address.getHostAddress() + " is " + named.reason());
    }

    /** The IPv4 address an IPv6 one stands for, so that {@code 64:ff9b::7f00:1} is judged as 127.0.0.1. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        byte[] v4 = null;
        if (NAT64.contains(address) || IPV4_COMPATIBLE.contains(address) && !isZeroOrOne(bytes)) {
            v4 = Arrays.copyOfRange(bytes, 12, 16);
        } else if (SIX_TO_FOUR.contains(address)) {
            v4 = Arrays.copyOfRange(bytes, 2, 6);
        } else if (isMapped(bytes)) {
            v4 = Arrays.copyOfRange(bytes, 12, 16);
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isZeroOrOne(byte[] bytes) {
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 0 || bytes[15] == 1;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
