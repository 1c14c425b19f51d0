import { useNavigation } from '../shell/navigation.store.js';
import { useCompliance } from './compliance.store.js';

/** On the Models screen: opens this model's card (and its bias audits) on the Compliance screen. */
export function ModelCardLink({ modelId }: { modelId: string }) {
  const open = () => {
    void useCompliance.getState().choose(modelId);
    useNavigation.getState().go('compliance');
  };
  return (
    <button type="button" className="button button-small" onClick={open} data-testid="model-card-open">
      Model card and bias audits
    </button>
  );
}
