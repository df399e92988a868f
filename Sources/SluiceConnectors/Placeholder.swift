public enum SluiceConnectorsPlaceholder {}
