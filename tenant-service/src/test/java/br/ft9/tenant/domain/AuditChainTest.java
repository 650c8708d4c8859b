package br.ft9.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The audit chain's rule, without Quarkus: linking, and what a check finds when entries are changed, dropped or swapped. */
class AuditChainTest {

    private static final UUID ORG = UUID.fromString("e26bde85-5005-32d7-8bd2-791b263c42a1");

    private static List<AuditRecord> trail(int entries) {
        List<AuditRecord> trail = new ArrayList<>();
        AuditChainHead head = null;
        for (int i = 0; i < entries; i++) {
            AuditRecord entry = new AuditRecord();
            entry.id = UUID.randomUUID();
            entry.orgId = ORG;
            entry.at = OffsetDateTime.of(2026, 11, 30, 12, 0, i, 0, ZoneOffset.UTC);
            entry.service = "tenant-service";
            entry.actorKind = "MEMBER";
            entry.action = "organization.settings_changed";
            entry.after = "{\"autoReply\":" + (i % 2 == 0) + "}";
            AuditChain.link(entry, head);
            head = new AuditChainHead();
            head.orgId = ORG;
            head.seq = entry.seq;
            head.hash = entry.hash;
            trail.add(entry);
        }
        return trail;
    }

    private static AuditChain.Check check(List<AuditRecord> trail, long headSeq, String headHash) {
        AuditChain chain = new AuditChain();
        trail.forEach(chain::next);
        AuditChainHead head = new AuditChainHead();
        head.orgId = ORG;
        head.seq = headSeq;
        head.hash = headHash;
        return chain.verdict(head);
    }

    private static AuditChain.Check check(List<AuditRecord> trail) {
        AuditRecord last = trail.get(trail.size() - 1);
        return check(trail, last.seq, last.hash);
    }

    @Test
    void entries_linked_one_after_another_check_intact() {
        List<AuditRecord> trail = trail(5);
        assertThat(trail.get(0).prevHash).isEqualTo(AuditChain.GENESIS);
        assertThat(trail.get(3).prevHash).isEqualTo(trail.get(2).hash);
        assertThat(check(trail)).isEqualTo(new AuditChain.Check(5, true, null, null, trail.get(4).hash));
    }

    @Test
    void a_field_changed_afterwards_breaks_the_chain_at_that_entry_even_the_same_text_moved_between_fields() {
        List<AuditRecord> trail = trail(4);
        trail.get(1).address = "198.51.100.1";
        assertThat(check(trail).brokenAt()).isEqualTo(2);

        List<AuditRecord> moved = trail(2);
        moved.get(1).actorRole = "MEMBER";
        moved.get(1).actorKind = "";
        assertThat(check(moved).problem()).isEqualTo("entry 2 was changed after it was recorded");
    }

    @Test
    void an_entry_removed_from_the_middle_or_the_end_is_found() {
        List<AuditRecord> trail = trail(4);
        AuditRecord last = trail.get(3);
        trail.remove(1);
        assertThat(check(trail, last.seq, last.hash).problem()).isEqualTo("entry 2 is missing (found 3)");

        List<AuditRecord> cut = trail(4);
        AuditRecord end = cut.remove(3);
        assertThat(check(cut, end.seq, end.hash)).extracting(AuditChain.Check::intact, AuditChain.Check::brokenAt)
                .containsExactly(false, 4L);
    }

    @Test
    void an_entry_rehashed_after_a_change_still_breaks_the_link_to_the_next() {
        List<AuditRecord> trail = trail(3);
        trail.get(1).after = "{\"autoReply\":true,\"forged\":1}";
        trail.get(1).hash = AuditChain.hash(trail.get(1));
        assertThat(check(trail).problem()).isEqualTo("entry 3 does not follow the entry before it");
    }
}
