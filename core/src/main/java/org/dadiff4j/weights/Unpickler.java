package org.dadiff4j.weights;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dadiff4j.DadiffException;

/**
 * A pickle reader for the binary opcodes of protocols 2-5 that only knows the globals it is given.
 * Any other global is refused when it is named, so no code from a file can run: "calling" an
 * allowed global runs its Java stand-in.
 *
 * <p>Python values map to: None = null, bool = Boolean, int = Long (BigInteger beyond 64 bits),
 * float = Double, str = String, bytes = byte[], list = ArrayList, tuple = unmodifiable List,
 * dict = LinkedHashMap.
 */
final class Unpickler {

    /** An allowed global; {@code call} is null for names that may only be referred to (types). */
    static final class Global {
        final String name;
        final Function<List<Object>, Object> call;

        Global(String name, Function<List<Object>, Object> call) {
            this.name = name;
            this.call = call;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Path file;
    private final Map<String, Global> allowed;
    private final Function<Object, Object> persistentLoad;

    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * @param allowed        globals by "module.name"; everything else is refused
     * @param persistentLoad resolves BINPERSID ids (storages); null refuses persistent ids
     */
    Unpickler(Path file, Map<String, Global> allowed, Function<Object, Object> persistentLoad) {
        this.file = file;
        this.allowed = allowed;
        this.persistentLoad = persistentLoad;
    }

    /** Reads one pickle from the buffer's position up to and including its STOP opcode. */
    Object load(ByteBuffer in) {
        in.order(ByteOrder.LITTLE_ENDIAN);
        stack.clear();
        marks.clear();
        memo.clear();
        int at = in.position();
        try {
            while (true) {
                at = in.position();
                int op = in.get() & 0xff;
                if (op == '.') {
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw new IllegalArgumentException("STOP with " + stack.size() + " values on the stack");
                    }
                    return stack.remove(0);
                }
                step(op, in);
            }
        } catch (DadiffException e) {
            throw e;
        } catch (BufferUnderflowException e) {
            throw DadiffException.of(file, "corrupt pickle: truncated at byte " + at);
        } catch (StackOverflowError e) {
            throw DadiffException.of(file, "corrupt pickle at byte " + at + ": a structure nests too deeply or holds itself");
        } catch (RuntimeException e) {
            throw DadiffException.of(file, "corrupt pickle at byte " + at + ": " + e.getMessage(), e);
        }
    }

    private void step(int op, ByteBuffer in) {
        switch (op) {
            case 0x80: in.get(); break; // PROTO
            case 0x95: in.getLong(); break; // FRAME: frames only group bytes we read anyway
            case '(': marks.push(stack.size()); break;
            case '0': pop(); break;
            case '1': popMark(); break;
            case '2': push(top()); break;
            case 'N': push(null); break;
            case 0x88: push(Boolean.TRUE); break;
            case 0x89: push(Boolean.FALSE); break;
            case 'J': push((long) in.getInt()); break;
            case 'K': push((long) (in.get() & 0xff)); break;
            case 'M': push((long) (in.getShort() & 0xffff)); break;
            case 0x8a: push(longN(in, in.get() & 0xff)); break;
            case 0x8b: push(longN(in, length(in, in.getInt()))); break;
            case 'G': push(in.order(ByteOrder.BIG_ENDIAN).getDouble()); in.order(ByteOrder.LITTLE_ENDIAN); break;
            case 'X': push(text(in, length(in, in.getInt()), true)); break;
            case 0x8c: push(text(in, in.get() & 0xff, true)); break;
            case 0x8d: push(text(in, length(in, in.getLong()), true)); break;
            case 'U': push(text(in, in.get() & 0xff, false)); break;
            case 'T': push(text(in, length(in, in.getInt()), false)); break;
            case 'C': push(bytes(in, in.get() & 0xff)); break;
            case 'B': push(bytes(in, length(in, in.getInt()))); break;
            case 0x8e: push(bytes(in, length(in, in.getLong()))); break;
            case ')': push(tuple(List.of())); break;
            case 't': push(tuple(popMark())); break;
            case 0x85: push(tuple(popN(1))); break;
            case 0x86: push(tuple(popN(2))); break;
            case 0x87: push(tuple(popN(3))); break;
            case ']': push(new ArrayList<>()); break;
            case 'l': push(new ArrayList<>(popMark())); break;
            case 'a': { Object v = pop(); list(top()).add(v); break; }
            case 'e': { List<Object> items = popMark(); list(top()).addAll(items); break; }
            case '}': push(new LinkedHashMap<>()); break;
            case 'd': { Map<Object, Object> d = new LinkedHashMap<>(); putAll(d, popMark()); push(d); break; }
            case 's': { Object v = pop(); Object k = key(pop()); dict(top()).put(k, v); break; }
            case 'u': { List<Object> kv = popMark(); putAll(dict(top()), kv); break; }
            case 'c': { String module = line(in); push(global(module, line(in))); break; }
            case 0x93: { String name = string(pop()); push(global(string(pop()), name)); break; }
            case 'R': { List<Object> args = tupleArg(pop()); push(call(pop(), args)); break; }
            case 'b': build(pop(), top()); break;
            case 'Q': push(persistent(pop())); break;
            case 'q': memo.put((long) (in.get() & 0xff), top()); break;
            case 'r': memo.put(in.getInt() & 0xffffffffL, top()); break;
            case 0x94: memo.put((long) memo.size(), top()); break;
            case 'h': push(memoGet(in.get() & 0xff)); break;
            case 'j': push(memoGet(in.getInt() & 0xffffffffL)); break;
            default:
                throw new IllegalArgumentException(String.format("unsupported pickle opcode 0x%02x", op));
        }
    }

    private Global global(String module, String name) {
        String full = module + "." + name;
        Global g = allowed.get(full);
        if (g == null) {
            throw DadiffException.of(file, "refusing pickle global " + full
                    + " (only tensors and dicts are allowed)");
        }
        return g;
    }

    private Object call(Object callable, List<Object> args) {
        if (!(callable instanceof Global) || ((Global) callable).call == null) {
            throw new IllegalArgumentException("pickle calls " + describe(callable) + ", which is not allowed");
        }
        return ((Global) callable).call.apply(args);
    }

    private static void build(Object state, Object target) {
        // OrderedDict state dicts carry a _metadata attribute (module versions) that loading ignores.
        if (!(target instanceof Map)) {
            throw new IllegalArgumentException("cannot set the state of " + describe(target));
        }
    }

    private Object persistent(Object pid) {
        if (persistentLoad == null) {
            throw new IllegalArgumentException("unexpected persistent id (" + describe(pid) + ")");
        }
        return persistentLoad.apply(pid);
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("memo entry " + index + " is not defined");
        }
        return memo.get(index);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= floor) {
            throw new IllegalArgumentException("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object top() {
        Object o = pop();
        push(o);
        return o;
    }

    private List<Object> popN(int n) {
        List<Object> out = new ArrayList<>(Collections.nCopies(n, null));
        for (int i = n - 1; i >= 0; i--) {
            out.set(i, pop());
        }
        return out;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("no MARK on the stack");
        }
        List<Object> tail = stack.subList(marks.pop(), stack.size());
        List<Object> out = new ArrayList<>(tail);
        tail.clear();
        return out;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static List<Object> tupleArg(Object o) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("call arguments are " + describe(o) + ", not a tuple");
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) o;
        return l;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (!(o instanceof ArrayList)) {
            throw new IllegalArgumentException("APPEND to " + describe(o));
        }
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("SETITEM on " + describe(o));
        }
        return (Map<Object, Object>) o;
    }

    private static void putAll(Map<Object, Object> d, List<Object> kv) {
        if (kv.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of dict items");
        }
        for (int i = 0; i < kv.size(); i += 2) {
            d.put(key(kv.get(i)), kv.get(i + 1));
        }
    }

    /**
     * {@code k}, if Python could hash it (str, int, float, bool, bytes, None, or a tuple of those):
     * a list or dict as a key is no state dict, and one that holds itself would make hashing recurse
     * without end (found by the fuzzing campaign).
     */
    static Object key(Object k) {
        if (!hashable(k, 0)) {
            throw new IllegalArgumentException("a dict key is " + describe(k) + ", which Python cannot hash");
        }
        return k;
    }

    private static boolean hashable(Object k, int depth) {
        if (k == null || k instanceof String || k instanceof Long || k instanceof BigInteger || k instanceof Double
                || k instanceof Boolean || k instanceof byte[] || k instanceof Global) {
            return true;
        }
        if (k instanceof List && !(k instanceof ArrayList) && depth < 8) {
            for (Object x : (List<?>) k) {
                if (!hashable(x, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code o} as a string key: a str, or an int written in decimal (legacy storage keys). */
    static String text(Object o, String what) {
        if (o instanceof String || o instanceof Long || o instanceof BigInteger) {
            return o.toString();
        }
        throw new IllegalArgumentException(what + " is " + describe(o) + ", not a str");
    }

    private static String string(Object o) {
        if (!(o instanceof String)) {
            throw new IllegalArgumentException("expected a str, got " + describe(o));
        }
        return (String) o;
    }

    private static int length(ByteBuffer in, long n) {
        if (n < 0 || n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        return (int) n;
    }

    private static byte[] bytes(ByteBuffer in, int n) {
        byte[] b = new byte[length(in, n)];
        in.get(b);
        return b;
    }

    private static String text(ByteBuffer in, int n, boolean utf8) {
        return new String(bytes(in, n), utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static String line(ByteBuffer in) {
        StringBuilder sb = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            if (b < 0x20 || sb.length() > 200) {
                throw new IllegalArgumentException("bad GLOBAL name");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** A little-endian two's complement integer of n bytes (LONG1, LONG4). */
    private static Object longN(ByteBuffer in, int n) {
        byte[] le = bytes(in, n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Global) {
            return o.toString();
        }
        // Python's names, which is what the user's file holds
        if (o instanceof Map) {
            return "a dict";
        }
        if (o instanceof List) {
            return o instanceof ArrayList ? "a list" : "a tuple";
        }
        if (o instanceof String) {
            return "a str";
        }
        if (o instanceof Long || o instanceof BigInteger) {
            return "an int";
        }
        if (o instanceof Double) {
            return "a float";
        }
        if (o instanceof Boolean) {
            return "a bool";
        }
        if (o instanceof byte[]) {
            return "a bytes object";
        }
        if (o instanceof TensorData) {
            return "a tensor";
        }
        return "an object of an unsupported type";
    }
}
