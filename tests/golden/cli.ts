// Runs the axion-stack CLI from source, for tests that need a process:
// node --conditions=source --import tsx tests/golden/cli.ts <args>
import { runCli } from "@axion-stack/stack-config";

process.exitCode = await runCli(process.argv.slice(2));
