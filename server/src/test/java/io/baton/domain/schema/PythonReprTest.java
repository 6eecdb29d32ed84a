package io.baton.domain.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonReprTest {

    @Test
    void strQuotesAsPythonDoes() {
        assertThat(PythonRepr.str("plain")).isEqualTo("'plain'");
        assertThat(PythonRepr.str("it's")).isEqualTo("\"it's\"");
        assertThat(PythonRepr.str("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PythonRepr.str("a\nb\\")).isEqualTo("'a\\nb\\\\'");
    }
}
