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
const CONTROLLER_PORT = 9093;
const pidFile = path.join(kafkaDir, "kafka.pid");
const logFile = path.join(kafkaDir, "kafka.log");
const dataDir = path.join(kafkaDir, "data");

const serverProperties = `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${dataDir}
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
`;

const log4jProperties = `log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.BrokerServer=INFO
`;

export function kafkaPid(): number | null {
  return readPid(pidFile);
}

export async function startKafka(): Promise<"started" | "running"> {
  if (kafkaPid() !== null) return "running";
  for (const port of [KAFKA_PORT, CONTROLLER_PORT]) {
    if (await isPortInUse(port)) {
      throw new StackError(
        `Port ${port} is already in use by another process: stop it, or point Causeway at that broker with KAFKA_BROKERS and ELASTICSEARCH_URL.`,
      );
    }
  }
  const javaHome = findJavaHome();
  const java = path.join(javaHome, "bin", "java");
  const classpath = resolveDependencies(
    path.join(mavenDir, "kafka.pom.xml"),
    path.join(kafkaDir, "classpath.txt"),
  ).join(path.delimiter);

  fs.mkdirSync(dataDir, { recursive: true });
  const propertiesFile = path.join(kafkaDir, "server.properties");
  const log4jFile = path.join(kafkaDir, "log4j.properties");
  fs.writeFileSync(propertiesFile, serverProperties);
  fs.writeFileSync(log4jFile, log4jProperties);
  const jvmArgs = [
    "-Xms256m",
    "-Xmx768m",
    `-Dlog4j.configuration=file:${log4jFile}`,
    "-cp",
    classpath,
  ];

  if (!fs.existsSync(path.join(dataDir, "meta.properties"))) {
    // base64url of "causeway-local-k": the 16-byte cluster id KRaft requires, stable across runs.
    const clusterId = "Y2F1c2V3YXktbG9jYWwtaw";
    const format = spawnSync(
      java,
      [...jvmArgs, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", propertiesFile],
      { encoding: "utf8" },
    );
    if (format.status !== 0) {
      throw new StackError(
        `Formatting Kafka storage in ${dataDir} failed: ${(format.stderr || format.stdout).trim().split("\n").pop()}`,
      );
    }
  }

  await launchServer({
    name: "Kafka",
    command: java,
    args: [...jvmArgs, "kafka.Kafka", propertiesFile],
    cwd: kafkaDir,
    env: process.env,
    logFile,
    pidFile,
    ready: () => isPortInUse(KAFKA_PORT),
    timeoutMs: 90_000,
  });
  return "started";
}

export function stopKafka(): Promise<boolean> {
  return stopServer(pidFile, 20_000);
}
