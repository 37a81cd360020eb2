import { BackupError } from "../backup/format";
import { ConfigurationError } from "../config";

/** Runs a CLI's main: expected problems print one line and exit 1; nothing prints a stack. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof ConfigurationError || error instanceof BackupError) {
        console.error(`error: ${error.message}`);
      } else console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
