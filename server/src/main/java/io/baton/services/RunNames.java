package io.baton.services;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Readable random run names in Prefect's "adjective-animal" style, e.g. {@code succinct-ocelot}. */
public final class RunNames {

    private static final List<String> ADJECTIVES = List.of("agile", "amber", "brave", "bright", "calm", "clever",
            "cosmic", "crimson", "daring", "eager", "fancy", "gentle", "golden", "happy", "jolly", "keen", "lively",
            "lucky", "mellow", "nimble", "noble", "polite", "proud", "quick", "quiet", "rapid", "silver", "steady",
            "succinct", "sunny", "swift", "tidy", "vivid", "witty", "zealous");
    private static final List<String> ANIMALS = List.of("aardvark", "badger", "beaver", "bison", "caracal", "cheetah",
            "condor", "coyote", "dingo", "dolphin", "falcon", "ferret", "gazelle", "gecko", "heron", "ibex", "jackal",
            "jaguarundi", "koala", "lemur", "lynx", "marmot", "mongoose", "narwhal", "ocelot", "otter", "panda",
            "puffin", "quokka", "raccoon", "salamander", "tapir", "toucan", "walrus", "wombat", "yak", "zebra");

    private RunNames() {}

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + ANIMALS.get(random.nextInt(ANIMALS.size()));
    }
}
