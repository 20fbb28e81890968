package dev.baton.enginedb;

import io.camunda.zeebe.db.TransactionContext;
import io.camunda.zeebe.db.TransactionOperation;
import io.camunda.zeebe.db.ZeebeDbTransaction;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.function.Consumer;

/**
 * One actor's view of the store: at most one transaction at a time. Work done outside an open
 * transaction runs in one of its own that commits at once, as the engine expects from its RocksDB
 * contexts.
 */
final class SortedTransactionContext implements TransactionContext {
  private final SortedTransaction transaction;

  SortedTransactionContext(ConcurrentNavigableMap<byte[], byte[]> committed) {
    this.transaction = new SortedTransaction(committed);
  }

  @Override
  public void runInTransaction(TransactionOperation operations) {
    try {
      if (transaction.isOpen()) {
        operations.run();
        return;
      }
      transaction.open();
      try {
        operations.run();
        transaction.commit();
      } catch (Exception e) {
        transaction.rollback();
        throw e;
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("engine state operation failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code operation} in the open transaction, or in one of its own. */
  void run(Consumer<SortedTransaction> operation) {
    runInTransaction(() -> operation.accept(transaction));
  }

  @Override
  public ZeebeDbTransaction getCurrentTransaction() {
    if (!transaction.isOpen()) {
      transaction.open();
    }
    return transaction;
  }
}
