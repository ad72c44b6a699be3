declare module "virtual:theme-previews.css";
