package dev.causeway.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.EnableKafkaRetryTopic;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.retry.annotation.Backoff;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * A Spring Kafka listener as teams write them: `@RetryableTopic` with exponential back-off, so
 * Spring creates `<topic>-retry-300`, `<topic>-retry-600` and `<topic>-dlt` and its
 * DeadLetterPublishingRecoverer writes the dead letter. The listener reads an order with Jackson
 * and fails the way real code does: Jackson, the JDK, or its own IllegalStateException.
 */
final class SpringRetryScenario implements AutoCloseable {
  static final String GROUP = "causeway-spring-harness";

  private final AnnotationConfigApplicationContext context;

  private SpringRetryScenario(AnnotationConfigApplicationContext context) {
    this.context = context;
  }

  static String deadLetterTopic(String topic) {
    return topic + "-dlt";
  }

  static SpringRetryScenario start(String brokers, String topic) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "harness", Map.of("harness.brokers", brokers, "harness.topic", topic)));
    context.register(Config.class, OrderListener.class);
    context.refresh();
    return new SpringRetryScenario(context);
  }

  @Override
  public void close() {
    context.close();
  }

  /** The order as the listener expects it; unknown fields are an error, as by default. */
  public static final class Order {
    public String orderId;
    public String sku;
    public String quantity;
  }

  public static class OrderListener {
    private final ObjectMapper json = new ObjectMapper();

    @RetryableTopic(
        attempts = "3",
        backoff = @Backoff(delay = 300, multiplier = 2.0),
        numPartitions = "1",
        replicationFactor = "1")
    @KafkaListener(topics = "${harness.topic}", groupId = GROUP)
    public void onOrder(String value) throws Exception {
      Order order = json.readValue(value, Order.class);
      int quantity = Integer.parseInt(order.quantity);
      throw new IllegalStateException(
          "Order "
              + order.orderId
              + " cannot be reserved: warehouse \"central\" has no stock for "
              + quantity
              + " x "
              + order.sku);
    }
  }

  @Configuration
  @EnableKafka
  @EnableKafkaRetryTopic
  static class Config {
    @Bean
    DefaultKafkaProducerFactory<String, String> producerFactory(
        org.springframework.core.env.Environment env) {
      return new DefaultKafkaProducerFactory<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.getRequiredProperty("harness.brokers"),
              ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
              ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @Bean
    KafkaTemplate<String, String> kafkaTemplate(
        DefaultKafkaProducerFactory<String, String> producerFactory) {
      return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(
        org.springframework.core.env.Environment env) {
      ConcurrentKafkaListenerContainerFactory<String, String> factory =
          new ConcurrentKafkaListenerContainerFactory<>();
      factory.setConsumerFactory(
          new DefaultKafkaConsumerFactory<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.getRequiredProperty("harness.brokers"),
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                  ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                  ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)));
      return factory;
    }

    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
      return new ThreadPoolTaskScheduler();
    }
  }
}
