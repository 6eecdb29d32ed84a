package io.baton.domain.run;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Default run names: a random two-word "adjective-animal" slug, as Prefect generates them. */
public final class RunNames {

    private RunNames() {}

    private static final List<String> ADJECTIVES = List.of(
            "agile", "amber", "ancient", "bold", "brave", "bright", "calm", "careful", "cheerful", "clever",
            "cobalt", "crimson", "curious", "daring", "dapper", "eager", "electric", "emerald", "fancy", "fearless",
            "festive", "gentle", "golden", "graceful", "happy", "hidden", "honest", "humble", "innocent", "jolly",
            "keen", "kind", "lively", "lucky", "magnetic", "mellow", "merry", "mighty", "nimble", "noble",
            "optimistic", "patient", "polite", "proud", "quick", "quiet", "rapid", "resolute", "rustic", "sandy",
            "shiny", "silver", "smart", "snappy", "solid", "spirited", "steady", "sturdy", "swift", "tidy",
            "tranquil", "upbeat", "valiant", "vivid", "warm", "wise", "witty", "zealous");
    private static final List<String> ANIMALS = List.of(
            "albatross", "alpaca", "antelope", "badger", "beaver", "bison", "boar", "bobcat", "caribou", "cheetah",
            "condor", "coyote", "crane", "dingo", "dolphin", "eagle", "elk", "falcon", "ferret", "finch",
            "gazelle", "gecko", "gibbon", "heron", "hyena", "ibex", "iguana", "jackal", "jaguar", "kestrel",
            "koala", "lemur", "leopard", "llama", "lynx", "marmot", "mink", "moose", "narwhal", "ocelot",
            "okapi", "orca", "otter", "owl", "panda", "panther", "pelican", "penguin", "puffin", "quail",
            "rabbit", "raccoon", "raven", "reindeer", "salamander", "seal", "sparrow", "stork", "tapir", "tiger",
            "toucan", "turaco", "turtle", "vulture", "walrus", "weasel", "wolf", "wombat", "yak", "zebra");

    public static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return ADJECTIVES.get(r.nextInt(ADJECTIVES.size())) + "-" + ANIMALS.get(r.nextInt(ANIMALS.size()));
    }
}
