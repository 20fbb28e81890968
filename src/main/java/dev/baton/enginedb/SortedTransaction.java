package dev.baton.enginedb;

import io.camunda.zeebe.db.TransactionOperation;
import io.camunda.zeebe.db.ZeebeDbTransaction;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;

/**
 * A transaction's writes, kept apart until commit. Reads see the transaction's own writes over the
 * committed state; a deletion is a write of {@link #DELETED}.
 */
final class SortedTransaction implements ZeebeDbTransaction {
  /** Marks a key deleted by this transaction; compared by identity. */
  private static final byte[] DELETED = new byte[0];

  private final ConcurrentNavigableMap<byte[], byte[]> committed;
  private final NavigableMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
  private boolean open;

  SortedTransaction(ConcurrentNavigableMap<byte[], byte[]> committed) {
    this.committed = committed;
  }

  boolean isOpen() {
    return open;
  }

  void open() {
    writes.clear();
    open = true;
  }

  @Override
  public void run(TransactionOperation operations) throws Exception {
    operations.run();
  }

  @Override
  public void commit() {
    for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
      if (write.getValue() == DELETED) {
        committed.remove(write.getKey());
      } else {
        committed.put(write.getKey(), write.getValue());
      }
    }
    writes.clear();
    open = false;
  }

  @Override
  public void rollback() {
    writes.clear();
    open = false;
  }

  void put(byte[] key, byte[] value) {
    writes.put(key, value);
  }

  void delete(byte[] key) {
    writes.put(key, DELETED);
  }

  /**
   * @return the value, or null when absent
   */
  byte[] get(byte[] key) {
    byte[] mine = writes.get(key);
    if (mine != null) {
      return mine == DELETED ? null : mine;
    }
    return committed.get(key);
  }

  boolean contains(byte[] key) {
    return get(key) != null;
  }

  /**
   * Entries from {@code from} on, in key order. The transaction's own writes are copied from that
   * point (a transaction writes little), so a visitor that writes while it iterates does not see
   * its own writes; the committed state is read live: this context commits only after the read, and
   * what another context commits meanwhile may or may not be seen, as with the engine's RocksDB
   * store.
   */
  Iterator<Map.Entry<byte[], byte[]>> from(byte[] from) {
    Iterator<Map.Entry<byte[], byte[]>> base = committed.tailMap(from, true).entrySet().iterator();
    Iterator<Map.Entry<byte[], byte[]>> own =
        writes.isEmpty()
            ? Collections.emptyIterator()
            : new TreeMap<>(writes.tailMap(from, true)).entrySet().iterator();
    return new Merged(base, own);
  }

  /**
   * Two sorted iterators as one; on equal keys the transaction's write wins, and deletions are
   * skipped.
   */
  private static final class Merged implements Iterator<Map.Entry<byte[], byte[]>> {
    private final Iterator<Map.Entry<byte[], byte[]>> base;
    private final Iterator<Map.Entry<byte[], byte[]>> own;
    private Map.Entry<byte[], byte[]> nextBase;
    private Map.Entry<byte[], byte[]> nextOwn;
    private Map.Entry<byte[], byte[]> next;

    Merged(Iterator<Map.Entry<byte[], byte[]>> base, Iterator<Map.Entry<byte[], byte[]>> own) {
      this.base = base;
      this.own = own;
      nextBase = base.hasNext() ? base.next() : null;
      nextOwn = own.hasNext() ? own.next() : null;
      advance();
    }

    private void advance() {
      next = null;
      while (next == null && (nextBase != null || nextOwn != null)) {
        int order =
            nextBase == null
                ? 1
                : nextOwn == null
                    ? -1
                    : Arrays.compareUnsigned(nextBase.getKey(), nextOwn.getKey());
        Map.Entry<byte[], byte[]> candidate;
        if (order < 0) {
          candidate = nextBase;
          nextBase = base.hasNext() ? base.next() : null;
        } else {
          candidate = nextOwn;
          if (order == 0) {
            nextBase = base.hasNext() ? base.next() : null;
          }
          nextOwn = own.hasNext() ? own.next() : null;
        }
        if (candidate.getValue() != DELETED) {
          next = candidate;
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Map.Entry<byte[], byte[]> next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Map.Entry<byte[], byte[]> out = next;
      advance();
      return out;
    }
  }
}
