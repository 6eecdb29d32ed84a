package io.baton.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.baton.testing.ContractCoverage;
import io.baton.testing.ContractCoverageListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Every operation of openapi.json has a test whose 2xx response validated against the contract on SQLite
 * and on PostgreSQL, except the operations {@code contract-coverage-exceptions.txt} names with a reason.
 * The coverage is only known once every other test class ran: this class is ordered last, and its coverage
 * check runs only when the run holds the whole suite and all of it finished (a selection of tests skips it).
 * The full table is written to {@code target/contract-coverage.txt} at the end of every run.
 */
@Order(Integer.MAX_VALUE)
class ContractCoverageTest {

    @Test
    void exceptionsNameOperationsOfTheContractWithAReason() {
        List<String> operations = ContractCoverage.operations();
        Map<String, String> exceptions = ContractCoverage.exceptions();
        assertThat(exceptions.keySet().stream().filter(op -> !operations.contains(op)).toList())
                .as("excepted operations that are not in openapi.json").isEmpty();
        assertThat(exceptions.entrySet().stream().filter(e -> e.getValue().isBlank()).map(Map.Entry::getKey).toList())
                .as("excepted operations without a reason").isEmpty();
    }

    @Test
    void everyOperationIsValidatedOnEveryDatabase() {
        assumeTrue(ContractCoverageListener.wholeSuiteFinishedExcept(ContractCoverageTest.class),
                "coverage is only known after the whole suite");
        List<String> gaps = ContractCoverage.gaps();
        Map<String, String> exceptions = ContractCoverage.exceptions();
        assertThat(gaps.stream().filter(op -> !exceptions.containsKey(op)).toList())
                .as("operations without a validated 2xx on every database (see target/contract-coverage.txt)")
                .isEmpty();
        assertThat(exceptions.keySet().stream().filter(op -> !gaps.contains(op)).toList())
                .as("excepted operations that are covered now: drop them from the exceptions")
                .isEmpty();
    }
}
