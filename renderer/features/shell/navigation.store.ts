import { create } from 'zustand';
import { defaultScreenId } from './screen-registry.js';

interface NavigationState {
  current: string;
  go(id: string): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  current: defaultScreenId,
  go: (id) => set({ current: id }),
}));
