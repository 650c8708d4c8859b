package br.ft9.tenant.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The rule that makes an organisation's audit trail tamper-evident: an entry's hash is SHA-256 over its every field and
 * the previous entry's hash (the first one follows {@link #GENESIS}); reading the entries in order, each must name the
 * hash of the one before, hash to what it says, and come next in sequence, and the last must be the chain's head.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    /** What a check of an organisation's chain found; {@code brokenAt} is the first entry that does not hold. */
    public record Check(long entries, boolean intact, Long brokenAt, String problem, String lastHash) {
    }

    private long entries;
    private long expectedSeq = 1;
    private String previousHash = GENESIS;
    private Long brokenAt;
    private String problem;

    /** The hash an entry must carry, given the hash of the entry before it. */
    public static String hash(AuditRecord entry) {
        StringBuilder content = new StringBuilder(512);
        // Each field with its length before it: no two different entries write the same text.
        for (Object field : new Object[] { entry.prevHash, entry.seq, entry.id, entry.orgId,
                entry.at == null ? null : entry.at.toInstant(), entry.service, entry.actorKind, entry.actorId, entry.actorRole,
                entry.address, entry.action, entry.targetType, entry.targetId, entry.before, entry.after }) {
            String text = field == null ? null : field.toString();
            content.append(text == null ? -1 : text.length()).append(':').append(text == null ? "" : text).append('|');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Links a new entry after the head (null: the organisation's first entry): its place and both hashes. */
    public static void link(AuditRecord entry, AuditChainHead head) {
        entry.seq = head == null ? 1 : head.seq + 1;
        entry.prevHash = head == null ? GENESIS : head.hash;
        entry.hash = hash(entry);
    }

    /** Reads the next entry in sequence order; after the first one that does not hold, the rest are not judged. */
    public void next(AuditRecord entry) {
        entries++;
        if (brokenAt != null) {
            return;
        }
        if (entry.seq != expectedSeq) {
            broken(expectedSeq, "entry " + expectedSeq + " is missing (found " + entry.seq + ")");
        } else if (!previousHash.equals(entry.prevHash)) {
            broken(entry.seq, "entry " + entry.seq + " does not follow the entry before it");
        } else if (!hash(entry).equals(entry.hash)) {
            broken(entry.seq, "entry " + entry.seq + " was changed after it was recorded");
        }
        expectedSeq = entry.seq + 1;
        previousHash = entry.hash;
    }

    /** The verdict, once every entry was read: the last one must also be the head the chain recorded. */
    public Check verdict(AuditChainHead head) {
        if (brokenAt == null && head != null && (head.seq != expectedSeq - 1 || !Objects.equals(head.hash, previousHash))) {
            broken(expectedSeq, "the trail ends at entry " + (expectedSeq - 1) + " but its last entry was " + head.seq);
        }
        if (brokenAt == null && head == null && entries > 0) {
            broken(1L, "entries without a chain head");
        }
        return new Check(entries, brokenAt == null, brokenAt, problem, head == null ? GENESIS : head.hash);
    }

    private void broken(long seq, String why) {
        brokenAt = seq;
        problem = why;
    }
}
