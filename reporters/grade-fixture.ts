import type { Grade, GradedCheck } from '../core/grading/grade.js'

/** A small grade with every status: passed, failed (feedback, log), blocked, ungraded, manual, partial credit. */
export function sampleGrade(): Grade {
  const checks: GradedCheck[] = [
    { id: 'ex1.engine', exercise: 1, title: 'Docker Engine is reachable', points: 0, maxPoints: 0, status: 'passed', message: 'Docker 27.3.1 answered.' },

    { id: 'ex3.health-route', exercise: 3, title: 'app.py declares GET /health', points: 3, maxPoints: 3, status: 'passed', message: 'GET /health is declared.' },
    {
      id: 'ex3.dockerfile', exercise: 3, title: 'the Dockerfile has the five instructions', points: 3.5, maxPoints: 5, status: 'failed',
      message: '2 of the 5 instructions are missing or wrong.',
      details: {
        items: [
          { id: 'from', title: 'FROM python:3.13-slim', points: 1, maxPoints: 1, passed: true },
          { id: 'workdir', title: 'WORKDIR /app', points: 0, maxPoints: 1, passed: false, feedback: { expected: 'WORKDIR /app', seen: 'WORKDIR /code', fix: 'Write WORKDIR /app before COPY.' } },
          { id: 'cmd', title: 'CMD in exec form', points: 1, maxPoints: 1.5, passed: false, feedback: { seen: 'CMD uvicorn app:app' } },
          { id: 'pip', title: 'RUN pip install fastapi uvicorn', points: 1.5, maxPoints: 1.5, passed: true },
        ],
      },
    },
    {
      id: 'ex3.build', exercise: 3, title: 'the Dockerfile builds | docker build', points: 0, maxPoints: 6, status: 'failed',
      message: 'docker build failed at step 4/5: pip could not find a version that satisfies the requirement fastapii',
      details: {
        expected: 'docker build ends with exit code 0',
        seen: 'exit code 1\nERROR: No matching distribution found for fastapii',
        fix: 'Check the spelling of the package names in the RUN pip install line.',
        log: 'Step 4/5 : RUN pip install fastapii | tee log\n```\nERROR: No matching distribution\n````\n',
      },
    },
    {
      id: 'ex3.image', exercise: 3, title: 'the image has /app/app.py', points: 0, maxPoints: 6, status: 'blocked',
      message: 'Not checked: the image did not build.', details: { blockedBy: 'ex3.build' },
    },
    { id: 'ex4.health', exercise: 4, title: 'the API answers GET /health', points: 0, maxPoints: 8, status: 'ungraded', message: 'The grader could not finish this check (not your fault): Docker daemon stopped responding' },
    { id: 'ex4.listen-all', exercise: 4, title: 'the server listens on 0.0.0.0:8000', points: 3, maxPoints: 3, status: 'passed', message: 'Listening on 0.0.0.0:8000.' },
  ]
  return {
    schemaVersion: 1,
    lab: 'tp1',
    submission: { path: '/home/student/tp1', commit: 'a1b2c3d' },
    status: 'ungraded',
    score: 9.5,
    maxScore: 31,
    startedAt: '2025-03-14T09:26:53.000Z',
    durationMs: 42_345,
    environment: { docker: '27.3.1', dockerApi: '1.47', compose: '2.29.7', kernel: '6.8.0-45-generic', node: 'v20.18.1', grader: '0.1.0' },
    checks,
  }
}

/** The sample with the ungraded check passed: every check graded. */
export function gradedSample(): Grade {
  const grade = sampleGrade()
  return {
    ...grade,
    status: 'graded',
    score: grade.score + 8,
    checks: grade.checks.map((c) => (c.status === 'ungraded' ? { ...c, status: 'passed', points: c.maxPoints, message: 'GET /health answered 200.' } : c)),
  }
}
