/**
 * Process handling for the consumer tests: free loopback ports, commands
 * with a time limit, and servers that are stopped by PID.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { createSocket } from "node:dgram";

/** Every server in these tests binds here and nowhere else. */
export const LOOPBACK = "127.0.0.1";

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function pickTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") {
    throw new Error(`no TCP port address from ${String(address)}`);
  }
  return address.port;
}

/** Asks for a port that is free for both TCP and UDP, as TURN needs. */
export async function pickTcpAndUdpPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await pickTcpPort();
    if (await udpPortIsFree(port)) {
      return port;
    }
  }
  throw new Error("no port free for both TCP and UDP after 20 attempts");
}

async function udpPortIsFree(port: number): Promise<boolean> {
  const socket = createSocket("udp4");
  return new Promise((resolve) => {
    socket.once("error", () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, LOOPBACK, () => socket.close(() => resolve(true)));
  });
}

/** Result of a finished command. */
export interface CommandResult {
  /** Exit status, or null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a command to its end or until `timeoutMs`, then kills it. Never
 * throws for a non-zero exit: callers assert on the result so that the
 * failure shows the program's own output.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: {
    cwd?: string;
    timeoutMs: number;
    input?: string;
    env?: NodeJS.ProcessEnv;
  },
): Promise<CommandResult> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? "");

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs);

  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  clearTimeout(timer);
  return { code, stdout, stderr, timedOut };
}

/** A long-running program whose output goes to a log file. */
export class ServerProcess {
  private exited = false;
  private exitCode: number | null = null;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    child.once("exit", (code) => {
      this.exited = true;
      this.exitCode = code;
    });
  }

  /** Starts `command`; stdout and stderr go to `logFile`. */
  static start(
    name: string,
    command: string,
    args: string[],
    options: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
  ): ServerProcess {
    const log = createWriteStream(options.logFile);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return new ServerProcess(name, child, options.logFile);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Reads the log so far, for failure messages. */
  log(): string {
    try {
      return readFileSync(this.logFile, "utf8");
    } catch {
      return "";
    }
  }

  /** Exit status once the process has ended, else undefined. */
  exitStatus(): number | null | undefined {
    return this.exited ? this.exitCode : undefined;
  }

  /**
   * Polls `isReady` until it returns true. Throws with the server's log
   * when the process exits first or `timeoutMs` passes, and then stops the
   * process so that no caller is left holding an unready server.
   */
  async waitUntilReady(
    isReady: () => Promise<boolean>,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(
          `${this.name} exited with status ${this.exitCode} before it was ` +
            `ready. Its log:\n${this.log()}`,
        );
      }
      if (await isReady().catch(() => false)) {
        return;
      }
      await sleep(250);
    }
    await this.stop();
    throw new Error(
      `${this.name} was not ready within ${timeoutMs} ms. Its log:\n` +
        this.log(),
    );
  }

  /** Waits for the process to exit on its own, up to `timeoutMs`. */
  async waitForExit(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (!this.exited && Date.now() < deadline) {
      await sleep(100);
    }
    if (!this.exited) {
      throw new Error(`${this.name} is still running after ${timeoutMs} ms`);
    }
    return this.exitCode;
  }

  /** Sends SIGTERM to this PID, and SIGKILL if it still runs after 10 s. */
  async stop(): Promise<void> {
    if (this.exited || this.child.pid === undefined) {
      return;
    }
    this.child.kill("SIGTERM");
    const deadline = Date.now() + 10_000;
    while (!this.exited && Date.now() < deadline) {
      await sleep(100);
    }
    if (!this.exited) {
      this.child.kill("SIGKILL");
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
