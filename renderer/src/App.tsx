import { useEffect, useState } from 'react';
import { api } from './api/client';

export function App() {
  const [info, setInfo] = useState('');
  useEffect(() => {
    api['app.info']({}).then((i) => setInfo(`${i.name} ${i.version}`), (e: Error) => setInfo(e.message));
  }, []);
  return <div>{info}</div>;
}
