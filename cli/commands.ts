/** Every subcommand registers itself here; each lives in its own file. */
import type { Command } from 'commander';
import { registerBridge } from './bridge';
import { registerDemo } from './demo';
import { registerDiagnose } from './diagnose';
import { registerNotify } from './notify';
import { registerSim } from './sim';
import { registerTriage } from './triage';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerBridge, registerDemo, registerDiagnose, registerNotify, registerSim, registerTriage];
