// Placeholder until the command set lands.
return 2;
