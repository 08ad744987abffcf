package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * The several-results counterpart of {@link org.dadiff4j.nn.Scopes#keep}: every array created by
 * {@code body} is closed on return except those in the returned list, which move to the
 * enclosing scope (if any).
 */
final class Scoped {

    private Scoped() {}

    static NDList list(Supplier<NDList> body) {
        NDList out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        for (NDArray a : out) {
            NDScope.register(a);
        }
        return out;
    }
}
