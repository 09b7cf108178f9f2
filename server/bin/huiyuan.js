#!/usr/bin/env node
// Entry point for `npx huiyuan …`: runs the TypeScript sources through tsx so the repo
// needs no separate server build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv.slice(2));
