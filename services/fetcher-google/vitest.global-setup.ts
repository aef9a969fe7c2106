import type { TestProject } from 'vitest/node';
import { startSimulator } from '../../infra/simulator/src/server';

// Runs in Node, before the workerd pool: one simulator for this Worker's test files.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1' });
  project.provide('simulatorUrl', simulator.url);
  return () => simulator.close();
}
