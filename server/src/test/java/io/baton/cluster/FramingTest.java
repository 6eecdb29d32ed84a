package io.baton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {

    private static List<Framing.Message> roundTrip(String node, long packet, List<Framing.Message> messages,
                                                   Framing.Reassembly reassembly) {
        List<String> payloads = Framing.encode(node, packet, messages);
        List<Framing.Message> out = null;
        for (String p : payloads) {
            assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Framing.MAX_PAYLOAD_BYTES);
            Framing.Piece piece = Framing.piece(p);
            assertThat(piece.node()).isEqualTo(node);
            out = reassembly.accept(piece);
        }
        return out;
    }

    @Test
    void smallMessagesShareOneNotification() {
        List<Framing.Message> messages = List.of(new Framing.Message("events", "{\"a\":1}"),
                new Framing.Message("logs", "x:y:z"), new Framing.Message("caches", ""));
        assertThat(Framing.encode("n1", 1, messages)).hasSize(1);
        assertThat(roundTrip("n1", 1, messages, new Framing.Reassembly())).isEqualTo(messages);
    }

    @Test
    void largeAndMultiByteMessagesAreCutAtByteLimitsAndJoinedBack() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            big.append(i % 3 == 0 ? "é" : i % 3 == 1 ? "\uD83D\uDE00" : "ab:");
        }
        List<Framing.Message> messages = List.of(new Framing.Message("events", big.toString()),
                new Framing.Message("logs", "after"));
        assertThat(Framing.encode("n1", 7, messages).size()).isGreaterThan(5);
        assertThat(roundTrip("n1", 7, messages, new Framing.Reassembly())).isEqualTo(messages);
    }

    @Test
    void identicalPiecesOfOnePacketStayDistinct() {
        String repeated = "z".repeat(30_000);
        List<String> payloads = Framing.encode("n", 1, List.of(new Framing.Message("logs", repeated)));
        assertThat(payloads).doesNotHaveDuplicates();
    }

    @Test
    void aMissingPieceOrPacketIsCountedAndLaterPacketsStillArrive() {
        Framing.Reassembly r = new Framing.Reassembly();
        assertThat(roundTrip("n", 1, List.of(new Framing.Message("t", "one")), r)).hasSize(1);
        List<String> second = new ArrayList<>(Framing.encode("n", 2, List.of(new Framing.Message("t", "y".repeat(20_000)))));
        second.remove(1);
        for (String p : second) {
            assertThat(r.accept(Framing.piece(p))).isNull();
        }
        assertThat(r.missed()).isEqualTo(1);
        assertThat(roundTrip("n", 4, List.of(new Framing.Message("t", "four")), r)).extracting(Framing.Message::body)
                .containsExactly("four");
        assertThat(r.missed()).isEqualTo(2);
    }
}
