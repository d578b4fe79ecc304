import { StackError } from "./errors";
import { externalEndpoints, stackDown, stackStatus, stackUp } from "./stack";

/** `npm run stack:up | stack:down | stack:status`. */
const say = (line: string) => console.log(line);

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case "up":
      await stackUp(say);
      return;
    case "down":
      await stackDown(say);
      return;
    case "status": {
      const external = externalEndpoints();
      if (external) {
        say(
          `External stack: Kafka ${external.kafkaBrokers}, Elasticsearch ${external.elasticsearchUrl}, schema registry ${external.schemaRegistryUrl ?? "none"}.`,
        );
        return;
      }
      for (const { name, where, pid } of stackStatus()) {
        say(`${name} (${where}): ${pid ? `running, pid ${pid}` : "stopped"}`);
      }
      return;
    }
    default:
      throw new StackError("Usage: tsx stack/cli.ts up|down|status");
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof StackError ? error.message : error);
  process.exit(1);
});
