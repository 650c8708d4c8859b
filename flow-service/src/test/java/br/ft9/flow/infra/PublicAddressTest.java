package br.ft9.flow.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The webhook step's guard judges an address by its class, whatever form it is written in. */
class PublicAddressTest {

    @Test
    void every_form_of_a_loopback_private_or_reserved_address_is_refused() {
        for (String host : new String[] { "127.0.0.1", "2130706433", "127.1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                "100.64.0.1", "169.254.169.254", "198.18.0.1", "198.19.255.254", "192.0.0.1", "192.0.2.1", "203.0.113.9",
                "224.0.0.1", "240.0.0.1", "255.255.255.255", "::", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                "::127.0.0.1", "::169.254.169.254", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1",
                "2002:7f00:1::", "2002:a9fe:a9fe::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "fc00::1", "fd12:3456::1",
                "fe80::1", "fec0::1", "ff02::1", "2001:db8::1", "100::1" }) {
            assertThat(PublicAddress.isPublic(host)).as(host).isFalse();
            assertThatThrownBy(() -> WebhookCaller.checkPublic(host)).as(host).isInstanceOf(WebhookCaller.NotAllowed.class);
        }
    }

    @Test
    void public_addresses_in_either_family_and_their_embedded_forms_pass() {
        for (String host : new String[] { "8.8.8.8", "200.160.2.3", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
                "2606:4700:4700::1111", "2804:14c::1" }) {
            assertThat(PublicAddress.isPublic(host)).as(host).isTrue();
        }
    }
}
