public enum SluiceFormatsPlaceholder {}
