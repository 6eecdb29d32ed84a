package io.baton.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * How messages travel in PostgreSQL notifications, whose payload is limited to 8000 bytes. The messages one
 * replica has waiting are packed into one packet ({@code topic:length:message} frames, length in UTF-16 units),
 * and the packet is cut into notifications of at most {@link #MAX_PAYLOAD_BYTES} UTF-8 bytes, each headed
 * {@code node:packet:piece:last:} (the piece number also keeps PostgreSQL from folding two identical pieces of
 * one transaction into one). PostgreSQL delivers one transaction's notifications together and in order, so a
 * receiver only has to join a node's pieces until the last one.
 */
public final class Framing {

    /** Below PostgreSQL's 8000-byte limit, with room to spare. */
    static final int MAX_PAYLOAD_BYTES = 7900;

    /** A message and its topic. */
    public record Message(String topic, String body) {}

    /** One notification's header and piece of a packet. */
    record Piece(String node, long packet, int index, boolean last, String text) {}

    private Framing() {}

    /** The notification payloads carrying {@code messages} as packet number {@code packet} of {@code node}. */
    static List<String> encode(String node, long packet, List<Message> messages) {
        StringBuilder body = new StringBuilder();
        for (Message m : messages) {
            if (m.topic().indexOf(':') >= 0) {
                throw new IllegalArgumentException("topic must not contain ':'");
            }
            body.append(m.topic()).append(':').append(m.body().length()).append(':').append(m.body());
        }
        List<String> payloads = new ArrayList<>();
        String head = node + ":" + packet + ":";
        int budget = MAX_PAYLOAD_BYTES - head.length() - 16;
        int start = 0;
        int index = 0;
        do {
            int end = start;
            int bytes = 0;
            while (end < body.length()) {
                char c = body.charAt(end);
                int width;
                if (Character.isHighSurrogate(c) && end + 1 < body.length()) {
                    width = 4;
                } else {
                    width = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                }
                if (bytes + width > budget) {
                    break;
                }
                bytes += width;
                end += width == 4 ? 2 : 1;
            }
            boolean last = end >= body.length();
            payloads.add(head + index++ + (last ? ":1:" : ":0:") + body.substring(start, end));
            start = end;
        } while (start < body.length());
        return payloads;
    }

    static Piece piece(String payload) {
        int a = payload.indexOf(':');
        int b = payload.indexOf(':', a + 1);
        int c = payload.indexOf(':', b + 1);
        int d = payload.indexOf(':', c + 1);
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("not a cluster notification");
        }
        return new Piece(payload.substring(0, a), Long.parseLong(payload.substring(a + 1, b)),
                Integer.parseInt(payload.substring(b + 1, c)), payload.charAt(c + 1) == '1', payload.substring(d + 1));
    }

    /** The messages of a whole packet. */
    static List<Message> decode(String packet) {
        List<Message> out = new ArrayList<>();
        int i = 0;
        while (i < packet.length()) {
            int colon = packet.indexOf(':', i);
            int lengthEnd = packet.indexOf(':', colon + 1);
            String topic = packet.substring(i, colon);
            int length = Integer.parseInt(packet.substring(colon + 1, lengthEnd));
            out.add(new Message(topic, packet.substring(lengthEnd + 1, lengthEnd + 1 + length)));
            i = lengthEnd + 1 + length;
        }
        return out;
    }

    /** Joins one sender's pieces into packets; notices packets that never arrived. */
    static final class Reassembly {
        private final StringBuilder partial = new StringBuilder();
        private long packet = -1;
        private int nextIndex;
        private long lastComplete = -1;
        private long missed;

        /** The packet's messages once {@code piece} completes it, otherwise null. */
        List<Message> accept(Piece piece) {
            if (piece.packet() <= lastComplete) {
                return null; // the rest of a packet already given up
            }
            if (piece.packet() != packet) {
                if (lastComplete >= 0 && piece.packet() > lastComplete + 1) {
                    missed += piece.packet() - lastComplete - 1;
                }
                partial.setLength(0);
                packet = piece.packet();
                nextIndex = 0;
            }
            if (piece.index() != nextIndex) {
                // A piece went missing: the packet cannot be rebuilt.
                missed++;
                finish();
                return null;
            }
            nextIndex++;
            partial.append(piece.text());
            if (!piece.last()) {
                return null;
            }
            String whole = partial.toString();
            finish();
            return decode(whole);
        }

        private void finish() {
            lastComplete = packet;
            partial.setLength(0);
            packet = -1;
        }

        /** Packets of this sender that were skipped (a listener that reconnected, a dropped notification). */
        long missed() {
            return missed;
        }
    }
}
