package dev.causeway.clients;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A Kafka Connect standalone worker running the FileStreamSink connector with a dead letter queue
 * and context headers. Its value converter is JsonConverter with schemas enabled, so plain JSON
 * records fail in the converter stage and, with `errors.tolerance=all`, go to the DLQ.
 */
final class ConnectDlqScenario implements AutoCloseable {
  private final Connect<StandaloneHerder> connect;

  private ConnectDlqScenario(Connect<StandaloneHerder> connect) {
    this.connect = connect;
  }

  static ConnectDlqScenario start(
      String brokers, String topic, String deadLetterTopic, String connectorName, Path workDir)
      throws Exception {
    Map<String, String> worker =
        Map.of(
            "bootstrap.servers", brokers,
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "value.converter.schemas.enable", "true",
            "offset.storage.file.filename", workDir.resolve("connect.offsets").toString(),
            "listeners", "http://127.0.0.1:0",
            "plugin.discovery", "only_scan");
    Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(worker);
    Map<String, String> connector =
        Map.of(
            "name", connectorName,
            "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "tasks.max", "1",
            "topics", topic,
            "file", workDir.resolve(connectorName + ".sink.txt").toString(),
            "errors.tolerance", "all",
            "errors.deadletterqueue.topic.name", deadLetterTopic,
            "errors.deadletterqueue.topic.replication.factor", "1",
            "errors.deadletterqueue.context.headers.enable", "true");
    FutureCallback<Object> created = new FutureCallback<>();
    connect.herder().putConnectorConfig(connectorName, connector, false, created::onCompletion);
    created.get(60, TimeUnit.SECONDS);
    return new ConnectDlqScenario(connect);
  }

  @Override
  public void close() {
    connect.stop();
  }
}
