package br.ft9.flow.infra;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether an address is on the public internet, by the class of the address, whatever form it was written in: IPv4
 * ranges that are private, shared, loopback, link-local, benchmarking, documentation or reserved, and IPv6 ranges that
 * are loopback, unique-local, link-local, multicast or documentation, and the IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4) judged by the address they carry; Teredo is refused outright.
 */
final class PublicAddress {

    private PublicAddress() {
    }

    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return isPublicV4(v4.getAddress());
        }
        if (!(address instanceof Inet6Address v6)) {
            return false;
        }
        byte[] b = v6.getAddress();
        if (v6.isAnyLocalAddress() || v6.isLoopbackAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
                || v6.isMulticastAddress()) {
            return false;
        }
        int first = u16(b, 0);
        if ((b[0] & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique-local
        }
        if (first == 0x2001 && u16(b, 2) == 0x0db8 || first == 0x3fff && (u16(b, 2) & 0xf000) == 0) {
            return false; // documentation
        }
        if (first == 0x2001 && u16(b, 2) == 0) {
            return false; // Teredo: the embedded addresses are obfuscated
        }
        if (first == 0x0100 && u16(b, 2) == 0 && u16(b, 4) == 0 && u16(b, 6) == 0) {
            return false; // 100::/64 discard
        }
        if (allZero(b, 0, 10) && (u16(b, 10) == 0xffff || u16(b, 10) == 0)) {
            return isPublicV4(slice(b, 12)); // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d
        }
        if (first == 0x0064 && u16(b, 2) == 0xff9b) {
            return isPublicV4(slice(b, 12)); // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
        }
        if (first == 0x2002) {
            return isPublicV4(slice(b, 2)); // 6to4
        }
        return (b[0] & 0xe0) == 0x20; // global unicast 2000::/3 only
    }

    /** Whether a host given as an address literal (or a name) resolves only to public addresses. */
    static boolean isPublic(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!isPublic(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        int d = b[2] & 0xff;
        return !(a == 0 || a == 10 || a == 127 || a >= 224                     // this network, private, loopback, multicast, reserved
                || a == 100 && (c & 0xc0) == 64                                   // 100.64.0.0/10 shared (carrier-grade NAT)
                || a == 169 && c == 254                                           // link-local, cloud metadata
                || a == 172 && (c & 0xf0) == 16                                   // 172.16.0.0/12
                || a == 192 && c == 168                                           // 192.168.0.0/16
                || a == 192 && c == 0 && (d == 0 || d == 2)                       // IETF protocol assignments, documentation
                || a == 192 && c == 88 && d == 99                                 // 6to4 relay anycast
                || a == 198 && (c & 0xfe) == 18                                   // 198.18.0.0/15 benchmarking
                || a == 198 && c == 51 && d == 100 || a == 203 && c == 0 && d == 113); // documentation
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] { b[from], b[from + 1], b[from + 2], b[from + 3] };
    }
}
