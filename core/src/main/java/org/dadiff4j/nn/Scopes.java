package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs a computation in its own {@link NDScope} so its intermediates are freed at once, and hands
 * the result to the enclosing scope (if any), so that nested scopes free everything in the end.
 */
public final class Scopes {

    private Scopes() {}

    /**
     * The array {@code body} returns, kept open; every other array created inside is closed. The
     * body must return a new array, not one created outside the scope (that one would be handed
     * to the enclosing scope and closed with it).
     */
    public static NDArray keep(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }
}
