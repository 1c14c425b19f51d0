import { useModels } from './models.store.js';

/** Running imports and scans, each with its progress. */
export function TaskList() {
  const tasks = useModels((state) => state.tasks);
  if (tasks.length === 0) return null;
  return (
    <ul className="task-list" data-testid="model-tasks">
      {tasks.map((task) => (
        <li key={task.key} className="task" data-testid="model-task">
          <span className="task-label">{task.label}</span>
          {task.progress === null ? <progress className="task-progress" /> : <progress className="task-progress" max={1} value={task.progress} />}
          <span className="task-percent">{task.progress === null ? '' : `${Math.round(task.progress * 100)}%`}</span>
          {task.message && <span className="task-message">{task.message}</span>}
        </li>
      ))}
    </ul>
  );
}
