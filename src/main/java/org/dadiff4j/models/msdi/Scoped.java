package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs one block's arithmetic in its own {@link NDScope}: every array created inside is closed
 * on return except the result, which moves to the enclosing scope (if any). Intermediates of a
 * full-width MSDI2E forward thus never pile up beyond one block.
 */
final class Scoped {

    private Scoped() {}

    static NDArray one(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

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
