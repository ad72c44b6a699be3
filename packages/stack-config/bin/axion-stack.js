#!/usr/bin/env node
// Runs the built CLI; build it first with `pnpm --filter @axion-stack/stack-config build`.
import process from "node:process";
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
