package io.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up training run drives a temporary server end to end and leaves nothing behind. */
class TrainCommandTest {

    @Test
    void exercisesATemporaryServer() throws Exception {
        assertThat(new TrainCommand().call()).isZero();
    }
}
