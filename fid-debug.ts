import { readFileSync } from 'node:fs';
import { CPythonReference } from './libs/grader/src/cpython-reference.js';
const ref = await CPythonReference.locate();
console.log(ref?.version);
const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
job.source = readFileSync(process.argv[3]!, 'utf8');
console.log(await ref!.verdicts(job));
