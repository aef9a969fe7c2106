// Shared by the fetcher Workers' tests: fakes of the bindings and helpers for the simulator.
export * from './fakes';
export * from './simulator';
