package dev.baton.enginedb;

import dev.baton.process.LoopbackPort;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import io.camunda.zeebe.process.test.engine.db.InMemoryDbFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Puts the state store Zeebe Process Test ships with beside Baton's {@link SortedMemoryDb}, on the
 * same engine wiring, in one run. The process has the shape of Baton's per-task part: a parallel
 * multi-instance whose every instance runs one job and then waits for a message or a timer. Not a
 * test: run it by hand.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.enginedb.EngineStoreBenchmark [tasks...]
 * </pre>
 *
 * <ul>
 *   <li>start: instance created → every task's job done (the engine creating and moving all the
 *       tasks);
 *   <li>round trip, with all tasks waiting: message published → the job it leads to arrives at the
 *       worker (one hop of a reaction; Baton's reaction makes five).
 * </ul>
 */
public final class EngineStoreBenchmark {
  private static final int ROUND_TRIPS = 60;
  private static final Supplier<ZeebeDb<ZbColumnFamilies>> STOCK =
      () -> new InMemoryDbFactory<ZbColumnFamilies>().createDb();

  public static void main(String[] args) throws Exception {
    List<Integer> sizes =
        args.length == 0
            ? List.of(220, 500)
            : List.of(args).stream().map(Integer::parseInt).toList();
    System.out.printf(
        "EngineStoreBenchmark on JDK %s, %d cores%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors());
    // one throw-away pass each so that neither store pays for the JIT alone
    measure("warm-up", STOCK, 50);
    measure("warm-up", SortedMemoryDb::new, 50);
    for (int tasks : sizes) {
      Result stock = measure("stock (Zeebe Process Test)", STOCK, tasks);
      Result sorted = measure("sorted (Baton)", SortedMemoryDb::new, tasks);
      for (Result r : List.of(stock, sorted)) {
        System.out.printf(
            Locale.ROOT,
            "  %-28s %4d tasks: start %6d ms (%.1f ms per task), round trip p50 %4d ms, p95 %4d ms%n",
            r.store(),
            tasks,
            r.startMillis(),
            (double) r.startMillis() / tasks,
            r.p50(),
            r.p95());
      }
      System.out.printf(
          Locale.ROOT,
          "  ratio stock / sorted, %d tasks: start %.1fx, round trip p50 %.1fx%n",
          tasks,
          (double) stock.startMillis() / sorted.startMillis(),
          (double) stock.p50() / Math.max(1, sorted.p50()));
    }
    System.exit(0);
  }

  record Result(String store, long startMillis, long p50, long p95) {}

  private static Result measure(String name, Supplier<ZeebeDb<ZbColumnFamilies>> store, int tasks)
      throws Exception {
    int port = LoopbackPort.free();
    ZeebeTestEngine engine = LoopbackEngineFactory.create(port, store);
    engine.start();
    try (CamundaClient client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(30))
            .build()) {
      client.newDeployResourceCommand().addResourceStringUtf8(MODEL, "bench.bpmn").send().join();
      CountDownLatch started = new CountDownLatch(tasks);
      Map<String, Long> arrived = new ConcurrentHashMap<>();
      try (JobWorker first =
              client
                  .newWorker()
                  .jobType("first")
                  .handler(
                      (jobs, job) -> {
                        jobs.newCompleteCommand(job).send();
                        started.countDown();
                      })
                  .streamEnabled(true)
                  .open();
          JobWorker next =
              client
                  .newWorker()
                  .jobType("next")
                  .handler(
                      (jobs, job) -> {
                        arrived.put((String) job.getVariable("item"), System.nanoTime());
                        jobs.newCompleteCommand(job).send();
                      })
                  .streamEnabled(true)
                  .open()) {
        List<String> items = IntStream.rangeClosed(1, tasks).mapToObj(i -> "item-" + i).toList();
        long t0 = System.nanoTime();
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("bench")
            .latestVersion()
            .variables(Map.of("items", items))
            .send()
            .join();
        if (!started.await(10, TimeUnit.MINUTES)) {
          throw new IllegalStateException(name + ": tasks did not start");
        }
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        // let the last subscriptions open before timing the messages
        Thread.sleep(500);
        List<Long> trips = new ArrayList<>();
        for (int i = 0; i < Math.min(ROUND_TRIPS, tasks); i++) {
          String item = items.get(i * tasks / Math.min(ROUND_TRIPS, tasks));
          long sent = System.nanoTime();
          client.newPublishMessageCommand().messageName("go").correlationKey(item).send().join();
          long deadline = sent + TimeUnit.SECONDS.toNanos(30);
          while (!arrived.containsKey(item) && System.nanoTime() < deadline) {
            Thread.sleep(1);
          }
          if (!arrived.containsKey(item)) {
            throw new IllegalStateException(name + ": message for " + item + " led nowhere");
          }
          trips.add((arrived.get(item) - sent) / 1_000_000);
        }
        Collections.sort(trips);
        return new Result(
            name,
            startMillis,
            trips.get(trips.size() / 2),
            trips.get((int) Math.ceil(trips.size() * 0.95) - 1));
      }
    } finally {
      engine.stop();
    }
  }

  private static final String MODEL =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          id="bench-definitions" targetNamespace="http://baton.dev/bench">
        <bpmn:message id="go" name="go">
          <bpmn:extensionElements><zeebe:subscription correlationKey="=item" /></bpmn:extensionElements>
        </bpmn:message>
        <bpmn:process id="bench" isExecutable="true">
          <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="each" />
          <bpmn:subProcess id="each">
            <bpmn:extensionElements>
              <zeebe:ioMapping>
                <zeebe:input source="=null" target="agent" />
                <zeebe:input source="=false" target="reserved" />
                <zeebe:input source="=0" target="silentPolls" />
              </zeebe:ioMapping>
            </bpmn:extensionElements>
            <bpmn:incoming>f1</bpmn:incoming>
            <bpmn:outgoing>f2</bpmn:outgoing>
            <bpmn:multiInstanceLoopCharacteristics>
              <bpmn:extensionElements>
                <zeebe:loopCharacteristics inputCollection="=items" inputElement="item" />
              </bpmn:extensionElements>
            </bpmn:multiInstanceLoopCharacteristics>
            <bpmn:startEvent id="taskStart"><bpmn:outgoing>g1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sequenceFlow id="g1" sourceRef="taskStart" targetRef="first" />
            <bpmn:serviceTask id="first">
              <bpmn:extensionElements><zeebe:taskDefinition type="first" /></bpmn:extensionElements>
              <bpmn:incoming>g1</bpmn:incoming>
              <bpmn:outgoing>g2</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="g2" sourceRef="first" targetRef="wait" />
            <bpmn:eventBasedGateway id="wait">
              <bpmn:incoming>g2</bpmn:incoming>
              <bpmn:outgoing>g3</bpmn:outgoing>
              <bpmn:outgoing>g4</bpmn:outgoing>
            </bpmn:eventBasedGateway>
            <bpmn:sequenceFlow id="g3" sourceRef="wait" targetRef="message" />
            <bpmn:sequenceFlow id="g4" sourceRef="wait" targetRef="timer" />
            <bpmn:intermediateCatchEvent id="message">
              <bpmn:incoming>g3</bpmn:incoming>
              <bpmn:outgoing>g5</bpmn:outgoing>
              <bpmn:messageEventDefinition messageRef="go" />
            </bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="timer">
              <bpmn:incoming>g4</bpmn:incoming>
              <bpmn:outgoing>g6</bpmn:outgoing>
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT80S</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="g5" sourceRef="message" targetRef="merge" />
            <bpmn:sequenceFlow id="g6" sourceRef="timer" targetRef="merge" />
            <bpmn:exclusiveGateway id="merge">
              <bpmn:incoming>g5</bpmn:incoming>
              <bpmn:incoming>g6</bpmn:incoming>
              <bpmn:outgoing>g8</bpmn:outgoing>
            </bpmn:exclusiveGateway>
            <bpmn:sequenceFlow id="g8" sourceRef="merge" targetRef="next" />
            <bpmn:serviceTask id="next">
              <bpmn:extensionElements><zeebe:taskDefinition type="next" /></bpmn:extensionElements>
              <bpmn:incoming>g8</bpmn:incoming>
              <bpmn:outgoing>g7</bpmn:outgoing>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="g7" sourceRef="next" targetRef="taskEnd" />
            <bpmn:endEvent id="taskEnd"><bpmn:incoming>g7</bpmn:incoming></bpmn:endEvent>
          </bpmn:subProcess>
          <bpmn:sequenceFlow id="f2" sourceRef="each" targetRef="end" />
          <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private EngineStoreBenchmark() {}
}
