package io.baton.http.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Error location as a parent-linked chain, so descending into a document allocates one small node per level. */
record Loc(Loc parent, Object segment) {

    static Loc root(String... prefix) {
        Loc loc = null;
        for (String p : prefix) {
            loc = new Loc(loc, p);
        }
        return loc;
    }

    static Loc child(Loc parent, Object segment) {
        return new Loc(parent, segment);
    }

    static List<Object> toList(Loc loc) {
        List<Object> out = new ArrayList<>();
        for (Loc l = loc; l != null; l = l.parent) {
            out.add(l.segment);
        }
        Collections.reverse(out);
        return List.copyOf(out);
    }
}
