/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH under
 * one or more contributor license agreements. See the NOTICE file distributed
 * with this work for additional information regarding copyright ownership.
 * Licensed under the Zeebe Community License 1.1. You may not use this file
 * except in compliance with the Zeebe Community License 1.1.
 *
 * Adapted by Baton from EngineFactory of zeebe-process-test 8.8.21: the gateway binding and the state store differ.
 */
package io.camunda.zeebe.process.test.engine;

import dev.baton.enginedb.SortedMemoryDb;
import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.engine.processing.streamprocessor.JobStreamer;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.ActorSchedulingService;
import io.camunda.zeebe.scheduler.clock.ActorClock;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Same wiring as {@link EngineFactory}, but the gRPC gateway listens on the loopback address only,
 * and the state lives in Baton's {@link SortedMemoryDb}.
 *
 * <p>The stock factory binds all interfaces with plaintext and no authentication; anyone on the
 * network could then start and cancel Baton's runs. Its in-memory state store copies all it holds
 * for every range read, so the engine slows down as a run's instances accumulate. The engine parts
 * have package-private constructors, hence this package. Re-check this wiring against {@code
 * EngineFactory} whenever the engine version changes.
 */
public final class LoopbackEngineFactory {

  private LoopbackEngineFactory() {}

  /** Creates an engine whose gateway will listen on 127.0.0.1:{@code port} once started. */
  public static ZeebeTestEngine create(final int port) {
    return create(port, SortedMemoryDb::new);
  }

  /**
   * The engine and its log: readers of the log (Baton's element statistics) follow it with a cursor
   * of their own instead of the test engine's record source, which copies and keeps every record it
   * has read.
   */
  public record Loopback(ZeebeTestEngine engine, LogStream log) {}

  /** As {@link #create(int)}, with the engine's log stream beside it. */
  public static Loopback createWithLog(final int port) {
    final LogStream[] log = new LogStream[1];
    final ZeebeTestEngine engine =
        create(port, null, SortedMemoryDb::new, created -> log[0] = created);
    return new Loopback(engine, log[0]);
  }

  /**
   * Creates an engine on the given state store: {@code EngineStoreBenchmark} puts the stock store
   * beside Baton's.
   */
  public static ZeebeTestEngine create(
      final int port, final Supplier<ZeebeDb<ZbColumnFamilies>> stateStore) {
    return create(port, null, stateStore, log -> {});
  }

  private static ZeebeTestEngine create(
      final int port,
      final Consumer<Intent> requestListener,
      final Supplier<ZeebeDb<ZbColumnFamilies>> stateStore,
      final Consumer<LogStream> logTap) {
    final int partitionId = 1;
    final int partitionCount = 1;

    final ControlledActorClock clock = createActorClock();
    final ActorScheduler scheduler = createAndStartActorScheduler(clock);

    final InMemoryLogStorage logStorage = new InMemoryLogStorage();
    final LogStream logStream = createLogStream(logStorage, partitionId, clock);
    logTap.accept(logStream);

    final CommandWriter commandWriter = new CommandWriter(logStream.newLogStreamWriter());
    final CommandSender commandSender = new CommandSender(commandWriter);
    final GatewayRequestStore gatewayRequestStore = new GatewayRequestStore();
    final InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(commandWriter);
    final GrpcToLogStreamGateway gateway =
        new GrpcToLogStreamGateway(
            commandWriter, partitionId, partitionCount, port, gatewayRequestStore, jobStreamer);
    final Server grpcServer =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(gateway)
            .build();

    final GrpcResponseWriter grpcResponseWriter =
        new GrpcResponseWriter(gateway, gatewayRequestStore, requestListener);

    final ZeebeDb<ZbColumnFamilies> zeebeDb = stateStore.get();

    final StreamProcessor streamProcessor =
        createStreamProcessor(
            logStream,
            zeebeDb,
            scheduler,
            grpcResponseWriter,
            partitionCount,
            commandSender,
            jobStreamer,
            clock);

    final EngineStateMonitor engineStateMonitor =
        new EngineStateMonitor(logStorage, streamProcessor);

    final LogStreamReader reader = logStream.newLogStreamReader();
    final RecordStreamSourceImpl recordStream = new RecordStreamSourceImpl(reader, partitionId);

    return new InMemoryEngine(
        grpcServer,
        streamProcessor,
        gateway,
        zeebeDb,
        logStream,
        scheduler,
        recordStream,
        clock,
        engineStateMonitor);
  }

  private static ControlledActorClock createActorClock() {
    return new ControlledActorClock();
  }

  private static ActorScheduler createAndStartActorScheduler(final ActorClock clock) {
    final ActorScheduler scheduler =
        ActorScheduler.newActorScheduler().setActorClock(clock).build();
    scheduler.start();
    return scheduler;
  }

  private static LogStream createLogStream(
      final LogStorage logStorage, final int partitionId, final ActorClock clock) {
    return LogStream.builder()
        .withPartitionId(partitionId)
        .withLogStorage(logStorage)
        .withClock(clock)
        .withMeterRegistry(new SimpleMeterRegistry())
        .build();
  }

  private static StreamProcessor createStreamProcessor(
      final LogStream logStream,
      final ZeebeDb<ZbColumnFamilies> database,
      final ActorSchedulingService scheduler,
      final GrpcResponseWriter grpcResponseWriter,
      final int partitionCount,
      final CommandSender commandSender,
      final JobStreamer jobStreamer,
      final ActorClock clock) {
    final SecurityConfiguration securityConfiguration = new SecurityConfiguration();
    securityConfiguration.getAuthorizations().setEnabled(false);
    return StreamProcessor.builder()
        .logStream(logStream)
        .zeebeDb(database)
        .commandResponseWriter(grpcResponseWriter)
        .partitionCommandSender(commandSender)
        .recordProcessors(
            List.of(
                new Engine(
                    context ->
                        EngineProcessors.createEngineProcessors(
                            context,
                            partitionCount,
                            new SubscriptionCommandSender(context.getPartitionId(), commandSender),
                            commandSender,
                            FeatureFlags.createDefault(),
                            jobStreamer,
                            SearchClientsProxy.noop(),
                            new BrokerRequestAuthorizationConverter(securityConfiguration)),
                    new EngineConfiguration(),
                    securityConfiguration)))
        .actorSchedulingService(scheduler)
        .clock(new ControllableStreamClockImpl(clock))
        .meterRegistry(new SimpleMeterRegistry())
        .build();
  }
}
