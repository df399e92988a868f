public enum SluiceRuntimePlaceholder {}
