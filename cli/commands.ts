/** Every subcommand registers itself here; each lives in its own file. */
import type { Command } from 'commander';
import { registerBridge } from './bridge';
import { registerDiagnose } from './diagnose';
import { registerDemo } from './demo';
import { registerNotify } from './notify';
import { registerSim } from './sim';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerBridge, registerDiagnose, registerDemo, registerNotify, registerSim];
