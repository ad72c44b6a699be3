/**
 * Prints how long generating takes. The first figure is the median wall
 * time of a cold `axion-stack generate` process. The others are the median
 * in-process render time (resolve, generate, check and serialise, without
 * loading or validation) for 1, 10 and 100 stacks, per stack, so growth
 * with the stack count shows. Each render figure also gives the median CPU
 * time per stack.
 * Run with `pnpm bench`, which builds the CLI first. It prints figures
 * and asserts nothing.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  packageVersion,
  renderConfig,
  type StackConfig,
} from "@axion-stack/stack-config";
import rootConfig from "../fixtures/axion1337/config.ts";
import { REPO_ROOT } from "../golden/tree.js";

// The golden case of the aXion config, which also passes validation.
const BENCH_CONFIG = "tests/fixtures/axion1337/config.ts";
const PROCESS_RUNS = 5;
const RENDER_RUNS = 5;
const STACK_COUNTS = [1, 10, 100];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function timeCold(scratch: string): number[] {
  const bin = join(REPO_ROOT, "packages/stack-config/bin/axion-stack.js");
  const times: number[] = [];
  for (let run = 0; run < PROCESS_RUNS; run += 1) {
    const out = join(scratch, `cold-${run}`);
    const start = performance.now();
    const args = ["generate", "--config", BENCH_CONFIG, "--out", out];
    execFileSync(process.execPath, [bin, ...args], {
      cwd: REPO_ROOT,
      stdio: "ignore",
    });
    times.push(performance.now() - start);
  }
  return times;
}

/** Returns `count` copies of the root config with distinct server names. */
function stacks(count: number): StackConfig[] {
  return Array.from({ length: count }, (_, index) => ({
    ...rootConfig,
    serverName: `bench${index}.example.org`,
  }));
}

/** Wall and CPU time of the renders, in milliseconds. */
interface RenderTimes {
  wall: number[];
  cpu: number[];
}

function timeRender(count: number): RenderTimes {
  const configs = stacks(count);
  const options = {
    configFileName: "stack.config.ts",
    version: packageVersion(),
  };
  renderConfig(configs[0] as StackConfig, options); // warm up the caches

  // CPU time shows the cost apart from other processes on a shared
  // machine. It includes the garbage collector's helper threads.
  const times: RenderTimes = { wall: [], cpu: [] };
  for (let run = 0; run < RENDER_RUNS; run += 1) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (const config of configs) {
      renderConfig(config, options);
    }
    const cpu = process.cpuUsage(cpuStart);
    times.wall.push(performance.now() - start);
    times.cpu.push((cpu.user + cpu.system) / 1000);
  }
  return times;
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), "axion-bench-"));
  try {
    const cpu = cpus()[0]?.model ?? "unknown CPU";
    console.log(`node ${process.version}, ${cpus().length} x ${cpu}`);

    const cold = median(timeCold(scratch));
    console.log(
      `cold "axion-stack generate" process: median ${cold.toFixed(0)} ms ` +
        `over ${PROCESS_RUNS} runs`,
    );
    for (const count of STACK_COUNTS) {
      const times = timeRender(count);
      const total = median(times.wall);
      const cpu = median(times.cpu);
      console.log(
        `in-process render, ${count === 1 ? "1 stack" : `${count} stacks`}: ` +
          `median ${total.toFixed(1)} ms, ` +
          `${(total / count).toFixed(2)} ms per stack ` +
          `(CPU ${(cpu / count).toFixed(2)} ms) over ${RENDER_RUNS} runs`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
