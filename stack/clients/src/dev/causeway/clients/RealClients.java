package dev.causeway.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Runs real Spring Kafka and Kafka Connect against a broker, in one JVM, over records the caller
 * has already produced, and waits until both have dead-lettered what they were expected to.
 * Prints one JSON line per dead letter with its headers exactly as the Java client reads them.
 *
 * <p>Arguments: brokers springTopic springDeadLetters connectTopic connectDlqTopic connectorName
 * connectDeadLetters workDir
 */
public final class RealClients {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  public static void main(String[] args) {
    // Spring and Connect leave non-daemon threads behind, so the JVM is ended explicitly.
    try {
      run(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    if (args.length != 8) {
      throw new IllegalArgumentException(
          "usage: brokers springTopic springDeadLetters connectTopic connectDlqTopic connectorName connectDeadLetters workDir");
    }
    String brokers = args[0];
    String springTopic = args[1];
    int springDeadLetters = Integer.parseInt(args[2]);
    String connectTopic = args[3];
    String connectDlqTopic = args[4];
    String connectorName = args[5];
    int connectDeadLetters = Integer.parseInt(args[6]);
    Path workDir = Path.of(args[7]);

    try (SpringRetryScenario spring = SpringRetryScenario.start(brokers, springTopic);
        ConnectDlqScenario connect =
            ConnectDlqScenario.start(brokers, connectTopic, connectDlqTopic, connectorName, workDir)) {
      List<ConsumerRecord<byte[], byte[]>> springDlt =
          awaitRecords(brokers, SpringRetryScenario.deadLetterTopic(springTopic), springDeadLetters);
      List<ConsumerRecord<byte[], byte[]>> connectDlq =
          awaitRecords(brokers, connectDlqTopic, connectDeadLetters);
      ObjectMapper json = new ObjectMapper();
      for (ConsumerRecord<byte[], byte[]> record : concat(springDlt, connectDlq)) {
        System.out.println(json.writeValueAsString(describe(record)));
      }
    }
  }

  /** Reads a topic's single partition from the start until it holds `count` records. */
  private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(String brokers, String topic, int count) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      boolean assigned = false;
      while (records.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "timed out: " + topic + " holds " + records.size() + " of " + count + " dead letters");
        }
        if (!assigned) {
          if (!consumer.listTopics().containsKey(topic)) {
            sleep(200);
            continue;
          }
          consumer.assign(List.of(partition));
          consumer.seekToBeginning(List.of(partition));
          assigned = true;
        }
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private static Map<String, Object> describe(ConsumerRecord<byte[], byte[]> record) {
    List<List<String>> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      String value = header.value() == null ? null : Base64.getEncoder().encodeToString(header.value());
      headers.add(java.util.Arrays.asList(header.key(), value));
    }
    Map<String, Object> described = new HashMap<>();
    described.put("topic", record.topic());
    described.put("partition", record.partition());
    described.put("offset", String.valueOf(record.offset()));
    described.put("timestamp", String.valueOf(record.timestamp()));
    described.put("headers", headers);
    return described;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private RealClients() {}
}
