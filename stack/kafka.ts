import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { StackError } from "./errors";
import { resolveDependencies } from "./maven";
import { kafkaDir, mavenDir } from "./paths";
import { isPortInUse, launchServer, readPid, stopServer } from "./process";
import { findJavaHome } from "./tools";

/** Single-node KRaft broker (broker + controller, static voter) from Maven Central jars. */
export const KAFKA_PORT = 9092;

/**
 * Where one broker listens and keeps its state. The local stack runs `defaultKafkaNode`; tests
 * that must stop a broker run a node of their own on other ports, never the shared one.
 */
export type KafkaNode = {
  port: number;
  controllerPort: number;
  /** Holds its data, properties, log and pid file. */
  dir: string;
  /** Maximum heap, e.g. "768m". */
  heap: string;
};

export const defaultKafkaNode: KafkaNode = {
  port: KAFKA_PORT,
  controllerPort: 9093,
  dir: kafkaDir,
  heap: "768m",
};

// Every node resolves its jars through the same cache, so a second node costs no Maven run.
const classpathCache = path.join(kafkaDir, "classpath.txt");

function serverProperties(node: KafkaNode): string {
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${node.controllerPort}
listeners=PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${node.port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${dataDir(node)}
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
`;
}

const log4jProperties = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.BrokerServer=INFO
`;

const dataDir = (node: KafkaNode) => path.join(node.dir, "data");
const pidFile = (node: KafkaNode) => path.join(node.dir, "kafka.pid");

export function kafkaPid(node = defaultKafkaNode): number | null {
  return readPid(pidFile(node));
}

export async function startKafka(node = defaultKafkaNode): Promise<"started" | "running"> {
  if (kafkaPid(node) !== null) return "running";
  for (const port of [node.port, node.controllerPort]) {
    if (await isPortInUse(port)) {
      throw new StackError(
        `Port ${port} is already in use by another process: stop it, or point Causeway at that broker with KAFKA_BROKERS and ELASTICSEARCH_URL.`,
      );
    }
  }
  const javaHome = findJavaHome();
  const java = path.join(javaHome, "bin", "java");
  const classpath = resolveDependencies(path.join(mavenDir, "kafka.pom.xml"), classpathCache).join(
    path.delimiter,
  );

  fs.mkdirSync(dataDir(node), { recursive: true });
  const propertiesFile = path.join(node.dir, "server.properties");
  const log4jFile = path.join(node.dir, "log4j.properties");
  fs.writeFileSync(propertiesFile, serverProperties(node));
  fs.writeFileSync(log4jFile, log4jProperties);
  const jvmArgs = [
    "-Xms256m",
    `-Xmx${node.heap}`,
    `-Dlog4j.configuration=file:${log4jFile}`,
    "-cp",
    classpath,
  ];

  if (!fs.existsSync(path.join(dataDir(node), "meta.properties"))) {
    // base64url of "causeway-local-k": the 16-byte cluster id KRaft requires, stable across runs.
    const clusterId = "Y2F1c2V3YXktbG9jYWwtaw";
    const format = spawnSync(
      java,
      [...jvmArgs, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", propertiesFile],
      { encoding: "utf8" },
    );
    if (format.status !== 0) {
      throw new StackError(
        `Formatting Kafka storage in ${dataDir(node)} failed: ${(format.stderr || format.stdout).trim().split("\n").pop()}`,
      );
    }
  }

  await launchServer({
    name: "Kafka",
    command: java,
    args: [...jvmArgs, "kafka.Kafka", propertiesFile],
    cwd: node.dir,
    env: process.env,
    logFile: path.join(node.dir, "kafka.log"),
    pidFile: pidFile(node),
    ready: () => isPortInUse(node.port),
    timeoutMs: 90_000,
  });
  return "started";
}

export function stopKafka(node = defaultKafkaNode): Promise<boolean> {
  return stopServer(pidFile(node), 20_000);
}
